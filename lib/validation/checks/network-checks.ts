import { BlockList, isIP } from 'net';
import { ianaSvcNameProblems, wildcardHostProblems } from '../../values/api-names';
import { dns1123SubdomainProblems, portNumberProblems } from '../../values/dns-name';
import { FieldPath } from '../field-path';
import { invalid, oneOf, Problem, required } from '../problem';
import { ObjectToValidate, ValidationContext } from '../validation-context';
import { asNumber, asObject, asString, isSet, JsonObject, objectsIn, setKeys, stringsIn } from './shape';

/** Checks Ingresses (`ValidateIngressSpec`) and NetworkPolicies (`ValidateNetworkPolicySpec`). */
export function checkNetworking(ctx: ValidationContext, obj: ObjectToValidate): void {
  const spec = asObject(obj.manifest.spec);
  if (!spec) return;
  const root = FieldPath.root('spec');
  if (obj.manifest.kind === 'Ingress') ctx.reportAll(obj, ingressProblems(spec, root));
  if (obj.manifest.kind === 'NetworkPolicy') ctx.reportAll(obj, networkPolicyProblems(spec, root));
}

function hostProblems(host: string, field: FieldPath): Problem[] {
  if (isIP(host) !== 0)
    return [
      invalid(
        field,
        `host '${host}' must be a DNS name, not an IP address`,
        'use a DNS name, or omit the host',
        'values/ingress',
      ),
    ];
  return wildcardHostProblems(host).map((p) =>
    invalid(field, `host '${host}' ${p}`, "use a lowercase DNS name such as 'shop.example.com'", 'values/ingress'),
  );
}

/** Problems of an Ingress path for its pathType (`validateHTTPIngressPath`). */
function ingressPathProblems(path: string, pathType: string): string[] {
  if (pathType === 'ImplementationSpecific')
    return path.length === 0 || path.startsWith('/') ? [] : ['must be an absolute path'];
  if (!path.startsWith('/')) return ['must be an absolute path'];
  const problems: string[] = [];
  for (const bad of ['//', '/./', '/../', '%2f', '%2F'])
    if (path.includes(bad)) problems.push(`must not contain '${bad}'`);
  for (const bad of ['/..', '/.']) if (path.endsWith(bad)) problems.push(`cannot end with '${bad}'`);
  return problems;
}

function ingressBackendProblems(backend: JsonObject, field: FieldPath): Problem[] {
  const out: Problem[] = [];
  const kinds = setKeys(backend, ['service', 'resource']);
  if (kinds.length === 0)
    out.push(required(field, 'the backend names neither a service nor a resource', 'set backend.service'));
  if (kinds.length > 1) out.push(oneOf(field, 'the backend sets both service and resource', 'keep one'));
  const service = asObject(backend.service);
  if (!service) return out;
  const name = asString(service.name);
  if (name === undefined || name.length === 0)
    out.push(required(field.child('service').child('name'), 'the backend service has no name', 'name the Service'));
  const port = asObject(service.port);
  const portKeys = port ? setKeys(port, ['name', 'number']) : [];
  if (portKeys.length === 0)
    out.push(
      required(
        field.child('service').child('port'),
        'the backend service port has neither a name nor a number',
        'set port.number or port.name',
      ),
    );
  if (portKeys.length > 1)
    out.push(
      oneOf(field.child('service').child('port'), 'the backend service port sets both a name and a number', 'keep one'),
    );
  return out;
}

/** The problems of an Ingress spec (`ValidateIngressSpec`) at `root`. */
export function ingressProblems(spec: JsonObject, root: FieldPath): Problem[] {
  const out: Problem[] = [];
  const rules = objectsIn(spec.rules);
  const defaultBackend = asObject(spec.defaultBackend);
  if (rules.length === 0 && !defaultBackend)
    out.push(
      required(root.child('rules'), 'an Ingress needs rules or a defaultBackend', 'add a rule or a defaultBackend'),
    );
  if (defaultBackend) out.push(...ingressBackendProblems(defaultBackend, root.child('defaultBackend')));
  for (const [rule, i] of rules) {
    const at = root.child('rules').index(i);
    const host = asString(rule.host);
    if (host !== undefined && host.length > 0) out.push(...hostProblems(host, at.child('host')));
    if (!isSet(rule.http)) continue; // a rule with a host and no http is accepted
    const http = asObject(rule.http);
    if (!http) continue;
    const paths = objectsIn(http.paths);
    if (paths.length === 0)
      out.push(
        required(at.child('http').child('paths'), 'an http rule needs at least one path', "add a path, e.g. '/'"),
      );
    for (const [p, j] of paths) {
      const pField = at.child('http').child('paths').index(j);
      const pathType = asString(p.pathType);
      if (pathType === undefined)
        out.push(
          required(
            pField.child('pathType'),
            'pathType must be specified',
            'set pathType: Prefix, Exact or ImplementationSpecific',
          ),
        );
      const path = asString(p.path);
      if (pathType !== undefined && (path !== undefined || pathType !== 'ImplementationSpecific'))
        for (const prob of ingressPathProblems(path ?? '', pathType))
          out.push(
            invalid(
              pField.child('path'),
              `path '${path ?? ''}' ${prob}`,
              "use a clean absolute path such as '/api'",
              'values/ingress',
            ),
          );
      const backend = asObject(p.backend);
      if (backend) out.push(...ingressBackendProblems(backend, pField.child('backend')));
    }
  }
  for (const [tls, i] of objectsIn(spec.tls)) {
    const at = root.child('tls').index(i);
    stringsIn(tls.hosts).forEach((host, j) => out.push(...hostProblems(host, at.child('hosts').index(j))));
    const secretName = asString(tls.secretName);
    if (secretName !== undefined && secretName.length > 0)
      for (const p of dns1123SubdomainProblems(secretName))
        out.push(
          invalid(
            at.child('secretName'),
            `'${secretName}' ${p}`,
            'use the name of the TLS Secret',
            'values/field-name',
          ),
        );
  }
  return out;
}

/** A CIDR as address, prefix and family, or undefined when malformed. */
function parseCidr(cidr: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const slash = cidr.indexOf('/');
  if (slash < 0) return undefined;
  const address = cidr.slice(0, slash);
  const bits = cidr.slice(slash + 1);
  const version = isIP(address);
  if (version === 0 || !/^\d{1,3}$/.test(bits)) return undefined;
  const prefix = Number(bits);
  if (prefix > (version === 4 ? 32 : 128)) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** The problems of a NetworkPolicy spec (`ValidateNetworkPolicySpec`) at `root`. */
export function networkPolicyProblems(spec: JsonObject, root: FieldPath): Problem[] {
  const out: Problem[] = [];
  const types = stringsIn(spec.policyTypes);
  if (types.length > 2)
    out.push(
      invalid(
        root.child('policyTypes'),
        `a NetworkPolicy may not specify more than two policyTypes (has ${types.length})`,
        'list Ingress and/or Egress once each',
        'values/network-policy',
      ),
    );
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress')
      out.push(
        invalid(
          root.child('policyTypes').index(i),
          `policyType '${t}' is not Ingress or Egress`,
          'use Ingress or Egress',
          'values/network-policy',
        ),
      );
  });
  for (const dir of ['ingress', 'egress'] as const) {
    const peersKey = dir === 'ingress' ? 'from' : 'to';
    for (const [rule, i] of objectsIn(spec[dir])) {
      const at = root.child(dir).index(i);
      for (const [peer, j] of objectsIn(rule[peersKey])) {
        const pField = at.child(peersKey).index(j);
        const kinds = setKeys(peer, ['podSelector', 'namespaceSelector', 'ipBlock']);
        if (kinds.length === 0)
          out.push(
            required(
              pField,
              'a peer must specify a podSelector, namespaceSelector or ipBlock',
              'select pods or namespaces, or give an ipBlock',
            ),
          );
        if (kinds.includes('ipBlock') && kinds.length > 1)
          out.push(
            oneOf(
              pField,
              'a peer may not specify both ipBlock and another peer',
              'put the ipBlock in a peer of its own',
            ),
          );
        const ipBlock = asObject(peer.ipBlock);
        if (ipBlock) out.push(...ipBlockProblems(ipBlock, pField.child('ipBlock')));
      }
      for (const [port, j] of objectsIn(rule.ports)) out.push(...policyPortProblems(port, at.child('ports').index(j)));
    }
  }
  return out;
}

function ipBlockProblems(ipBlock: JsonObject, field: FieldPath): Problem[] {
  const cidr = asString(ipBlock.cidr);
  if (cidr === undefined || cidr.length === 0)
    return [required(field.child('cidr'), 'an ipBlock needs a cidr', "set e.g. '10.0.0.0/8'")];
  const parsed = parseCidr(cidr);
  if (!parsed)
    return [
      invalid(field.child('cidr'), `'${cidr}' is not a valid CIDR`, "use e.g. '10.0.0.0/8'", 'values/network-policy'),
    ];
  const out: Problem[] = [];
  const block = new BlockList();
  block.addSubnet(parsed.address, parsed.prefix, parsed.family);
  stringsIn(ipBlock.except).forEach((except, i) => {
    const e = parseCidr(except);
    const inside =
      e !== undefined && e.family === parsed.family && e.prefix > parsed.prefix && block.check(e.address, e.family);
    if (!inside)
      out.push(
        invalid(
          field.child('except').index(i),
          e ? `'${except}' must be a strict subset of cidr '${cidr}'` : `'${except}' is not a valid CIDR`,
          'list only ranges inside the cidr',
          'values/network-policy',
        ),
      );
  });
  return out;
}

function policyPortProblems(p: JsonObject, field: FieldPath): Problem[] {
  const out: Problem[] = [];
  const port = p.port;
  if (typeof port === 'number')
    for (const prob of portNumberProblems(port))
      out.push(invalid(field.child('port'), `port ${prob}`, 'use a port from 1 to 65535', 'values/port'));
  if (typeof port === 'string')
    for (const prob of ianaSvcNameProblems(port))
      out.push(
        invalid(
          field.child('port'),
          `port name '${port}' ${prob}`,
          'use a port number or a valid port name',
          'values/port-name',
        ),
      );
  const endPort = asNumber(p.endPort);
  if (endPort === undefined) return out;
  if (typeof port !== 'number')
    out.push(
      invalid(
        field.child('endPort'),
        'endPort may only be given with a numeric port',
        'set port to a number',
        'values/port',
      ),
    );
  else if (endPort < port || endPort > 65535)
    out.push(
      invalid(
        field.child('endPort'),
        `endPort ${endPort} must be from port (${port}) to 65535`,
        'fix the range',
        'values/port',
      ),
    );
  return out;
}
