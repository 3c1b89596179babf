import * as kplus from 'cdk8s-plus-27';
import { KubecraftChart, WebService } from 'kubecraft';

export const follows =
  "The API server's `ValidateNetworkPolicySpec` and `ValidateIPBlock` (kubernetes/kubernetes `pkg/apis/networking/validation`): at most two policyTypes, Ingress or Egress; valid CIDRs; every `except` range strictly inside its `cidr`.";

// #region bad
export function bad(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  new kplus.NetworkPolicy(chart, 'web-egress', {
    selector: web.deployment,
    egress: {
      rules: [{ peer: kplus.NetworkPolicyIpBlock.ipv4(chart, 'private', '10.0.0.0/8', ['192.168.0.0/16']) }], // not inside 10/8
    },
  });
}
// #endregion bad

// #region good
export function good(chart: KubecraftChart): void {
  const web = new WebService(chart, 'web', { image: 'ghcr.io/acme/web:2.0.1' });
  new kplus.NetworkPolicy(chart, 'web-egress', {
    selector: web.deployment,
    egress: {
      rules: [{ peer: kplus.NetworkPolicyIpBlock.ipv4(chart, 'private', '10.0.0.0/8', ['10.96.0.0/12']) }],
    },
  });
}
// #endregion good
