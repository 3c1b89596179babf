import { ianaSvcNameProblems } from '../../values/api-names';
import { dns1123SubdomainProblems, dns1123LabelProblems, portNumberProblems } from '../../values/dns-name';
import { ObjectToValidate, ValidationContext } from '../validation-context';
import { checkLabels } from './metadata-checks';
import { asArray, asNumber, asObject, asString, objectsIn } from './shape';

/** The default `--service-node-port-range` of kube-apiserver. */
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

/** Whether a Service spec is headless (`clusterIP: None`). */
export function isHeadless(spec: Record<string, unknown>): boolean {
  return spec.clusterIP === 'None' || (asArray(spec.clusterIPs).length === 1 && asArray(spec.clusterIPs)[0] === 'None');
}

/** Checks a Service as `ValidateService` does: ports, names, node ports, types, selector. */
export function checkService(ctx: ValidationContext, obj: ObjectToValidate): void {
  if (obj.manifest.kind !== 'Service') return;
  const spec = asObject(obj.manifest.spec);
  if (!spec) return;
  const type = asString(spec.type) ?? 'ClusterIP';
  const headless = isHeadless(spec);
  const ports = objectsIn(spec.ports);
  if (ports.length === 0 && !headless && type !== 'ExternalName')
    ctx.report(
      obj,
      'values/required',
      'spec.ports',
      `a ${type} Service needs at least one port`,
      "add a port, or make the Service headless (clusterIP: 'None')",
    );
  if (type === 'ExternalName') {
    const externalName = asString(spec.externalName);
    if (externalName === undefined || externalName.length === 0)
      ctx.report(
        obj,
        'values/service',
        'spec.externalName',
        'an ExternalName Service needs an externalName',
        'set the DNS name to alias',
      );
    else
      for (const p of dns1123SubdomainProblems(externalName.replace(/\.$/, '')))
        ctx.report(obj, 'values/service', 'spec.externalName', `externalName '${externalName}' ${p}`, 'use a DNS name');
    if (asString(spec.clusterIP) !== undefined && spec.clusterIP !== '')
      ctx.report(
        obj,
        'values/service',
        'spec.clusterIP',
        'an ExternalName Service has no cluster IP',
        'remove clusterIP',
      );
  }
  if (headless && (type === 'NodePort' || type === 'LoadBalancer'))
    ctx.report(
      obj,
      'values/service',
      'spec.clusterIP',
      `a ${type} Service cannot be headless (clusterIP: None)`,
      'remove clusterIP or change the type',
    );
  const seenPorts = new Set<string>();
  const seenNodePorts = new Set<string>();
  const seenNames = new Set<string>();
  for (const [p, i] of ports) {
    const field = `spec.ports[${i}]`;
    const protocol = asString(p.protocol) ?? 'TCP';
    const port = asNumber(p.port);
    if (port !== undefined) {
      for (const prob of portNumberProblems(port))
        ctx.report(obj, 'values/port', `${field}.port`, `port ${prob}`, 'use a port from 1 to 65535');
      const key = `${protocol}/${port}`;
      if (seenPorts.has(key))
        ctx.report(
          obj,
          'values/service',
          `${field}.port`,
          `port ${port}/${protocol} is used more than once`,
          'give each port a different number or protocol',
        );
      seenPorts.add(key);
    }
    const target = p.targetPort;
    if (typeof target === 'number')
      for (const prob of portNumberProblems(target))
        ctx.report(obj, 'values/port', `${field}.targetPort`, `targetPort ${prob}`, 'use a port from 1 to 65535');
    if (typeof target === 'string')
      for (const prob of ianaSvcNameProblems(target))
        ctx.report(
          obj,
          'values/port-name',
          `${field}.targetPort`,
          `targetPort name '${target}' ${prob}`,
          'use the name of a container port',
        );
    const nodePort = asNumber(p.nodePort);
    if (nodePort !== undefined && nodePort !== 0) {
      if (type !== 'NodePort' && type !== 'LoadBalancer')
        ctx.report(
          obj,
          'values/service',
          `${field}.nodePort`,
          `nodePort may not be used when type is '${type}'`,
          'remove nodePort or use type NodePort or LoadBalancer',
        );
      else {
        for (const prob of portNumberProblems(nodePort))
          ctx.report(
            obj,
            'values/port',
            `${field}.nodePort`,
            `nodePort ${prob}`,
            'pick a port from 30000 to 32767 or leave nodePort unset',
          );
        if (nodePort >= 1 && nodePort <= 65535 && (nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX))
          ctx.report(
            obj,
            'policy/node-port-range',
            `${field}.nodePort`,
            `nodePort ${nodePort} is outside the default node port range ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
            'pick a port from 30000 to 32767, leave nodePort unset, or relax policy/node-port-range for a cluster with another range',
          );
        const key = `${protocol}/${nodePort}`;
        if (seenNodePorts.has(key))
          ctx.report(
            obj,
            'values/service',
            `${field}.nodePort`,
            `nodePort ${nodePort}/${protocol} is used more than once`,
            'give each port its own nodePort',
          );
        seenNodePorts.add(key);
      }
    }
    const name = asString(p.name);
    if (name !== undefined && name.length > 0) {
      for (const prob of dns1123LabelProblems(name))
        ctx.report(
          obj,
          'values/port-name',
          `${field}.name`,
          `port name '${name}' ${prob}`,
          "use a short lowercase name such as 'http'",
        );
      if (seenNames.has(name))
        ctx.report(
          obj,
          'values/port-name',
          `${field}.name`,
          `port name '${name}' is used more than once`,
          'name each port uniquely',
        );
      seenNames.add(name);
    } else if (ports.length > 1)
      ctx.report(
        obj,
        'values/port-name',
        `${field}.name`,
        'every port of a multi-port Service must be named',
        "name each port, e.g. 'http' and 'metrics'",
      );
  }
  checkLabels(ctx, obj, spec.selector, 'spec.selector');
}
