import { BlockList, isIP } from 'net';
import { ianaSvcNameProblems, wildcardHostProblems } from '../../values/api-names';
import { dns1123SubdomainProblems, portNumberProblems } from '../../values/dns-name';
import { ObjectToValidate, ValidationContext } from '../validation-context';
import { asNumber, asObject, asString, isSet, JsonObject, objectsIn, setKeys, stringsIn } from './shape';

/** Checks Ingresses (`ValidateIngressSpec`) and NetworkPolicies (`ValidateNetworkPolicySpec`). */
export function checkNetworking(ctx: ValidationContext, obj: ObjectToValidate): void {
  const spec = asObject(obj.manifest.spec);
  if (!spec) return;
  if (obj.manifest.kind === 'Ingress') checkIngress(ctx, obj, spec);
  if (obj.manifest.kind === 'NetworkPolicy') checkNetworkPolicy(ctx, obj, spec);
}

function checkHost(ctx: ValidationContext, obj: ObjectToValidate, host: string, field: string): void {
  if (isIP(host) !== 0) {
    ctx.report(
      obj,
      'values/ingress',
      field,
      `host '${host}' must be a DNS name, not an IP address`,
      'use a DNS name, or omit the host',
    );
    return;
  }
  for (const p of wildcardHostProblems(host))
    ctx.report(
      obj,
      'values/ingress',
      field,
      `host '${host}' ${p}`,
      "use a lowercase DNS name such as 'shop.example.com'",
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

function checkIngressBackend(ctx: ValidationContext, obj: ObjectToValidate, backend: JsonObject, field: string): void {
  const kinds = setKeys(backend, ['service', 'resource']);
  if (kinds.length === 0)
    ctx.report(
      obj,
      'values/required',
      field,
      'the backend names neither a service nor a resource',
      'set backend.service',
    );
  if (kinds.length > 1)
    ctx.report(obj, 'values/one-of', field, 'the backend sets both service and resource', 'keep one');
  const service = asObject(backend.service);
  if (!service) return;
  const name = asString(service.name);
  if (name === undefined || name.length === 0)
    ctx.report(obj, 'values/required', `${field}.service.name`, 'the backend service has no name', 'name the Service');
  const port = asObject(service.port);
  const portKeys = port ? setKeys(port, ['name', 'number']) : [];
  if (portKeys.length === 0)
    ctx.report(
      obj,
      'values/required',
      `${field}.service.port`,
      'the backend service port has neither a name nor a number',
      'set port.number or port.name',
    );
  if (portKeys.length > 1)
    ctx.report(
      obj,
      'values/one-of',
      `${field}.service.port`,
      'the backend service port sets both a name and a number',
      'keep one',
    );
}

function checkIngress(ctx: ValidationContext, obj: ObjectToValidate, spec: JsonObject): void {
  const rules = objectsIn(spec.rules);
  const defaultBackend = asObject(spec.defaultBackend);
  if (rules.length === 0 && !defaultBackend)
    ctx.report(
      obj,
      'values/required',
      'spec.rules',
      'an Ingress needs rules or a defaultBackend',
      'add a rule or a defaultBackend',
    );
  if (defaultBackend) checkIngressBackend(ctx, obj, defaultBackend, 'spec.defaultBackend');
  for (const [rule, i] of rules) {
    const at = `spec.rules[${i}]`;
    const host = asString(rule.host);
    if (host !== undefined && host.length > 0) checkHost(ctx, obj, host, `${at}.host`);
    if (!isSet(rule.http)) continue; // a rule with a host and no http is accepted
    const http = asObject(rule.http);
    if (!http) continue;
    const paths = objectsIn(http.paths);
    if (paths.length === 0)
      ctx.report(
        obj,
        'values/required',
        `${at}.http.paths`,
        'an http rule needs at least one path',
        "add a path, e.g. '/'",
      );
    for (const [p, j] of paths) {
      const pField = `${at}.http.paths[${j}]`;
      const pathType = asString(p.pathType);
      if (pathType === undefined)
        ctx.report(
          obj,
          'values/required',
          `${pField}.pathType`,
          'pathType must be specified',
          'set pathType: Prefix, Exact or ImplementationSpecific',
        );
      const path = asString(p.path);
      if (pathType !== undefined && (path !== undefined || pathType !== 'ImplementationSpecific'))
        for (const prob of ingressPathProblems(path ?? '', pathType))
          ctx.report(
            obj,
            'values/ingress',
            `${pField}.path`,
            `path '${path ?? ''}' ${prob}`,
            "use a clean absolute path such as '/api'",
          );
      const backend = asObject(p.backend);
      if (backend) checkIngressBackend(ctx, obj, backend, `${pField}.backend`);
    }
  }
  for (const [tls, i] of objectsIn(spec.tls)) {
    stringsIn(tls.hosts).forEach((host, j) => checkHost(ctx, obj, host, `spec.tls[${i}].hosts[${j}]`));
    const secretName = asString(tls.secretName);
    if (secretName !== undefined && secretName.length > 0)
      for (const p of dns1123SubdomainProblems(secretName))
        ctx.report(
          obj,
          'values/field-name',
          `spec.tls[${i}].secretName`,
          `'${secretName}' ${p}`,
          'use the name of the TLS Secret',
        );
  }
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

function checkNetworkPolicy(ctx: ValidationContext, obj: ObjectToValidate, spec: JsonObject): void {
  const types = stringsIn(spec.policyTypes);
  if (types.length > 2)
    ctx.report(
      obj,
      'values/network-policy',
      'spec.policyTypes',
      `a NetworkPolicy may not specify more than two policyTypes (has ${types.length})`,
      'list Ingress and/or Egress once each',
    );
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress')
      ctx.report(
        obj,
        'values/network-policy',
        `spec.policyTypes[${i}]`,
        `policyType '${t}' is not Ingress or Egress`,
        'use Ingress or Egress',
      );
  });
  for (const dir of ['ingress', 'egress'] as const) {
    const peersKey = dir === 'ingress' ? 'from' : 'to';
    for (const [rule, i] of objectsIn(spec[dir])) {
      const at = `spec.${dir}[${i}]`;
      for (const [peer, j] of objectsIn(rule[peersKey])) {
        const pField = `${at}.${peersKey}[${j}]`;
        const kinds = setKeys(peer, ['podSelector', 'namespaceSelector', 'ipBlock']);
        if (kinds.length === 0)
          ctx.report(
            obj,
            'values/required',
            pField,
            'a peer must specify a podSelector, namespaceSelector or ipBlock',
            'select pods or namespaces, or give an ipBlock',
          );
        if (kinds.includes('ipBlock') && kinds.length > 1)
          ctx.report(
            obj,
            'values/one-of',
            pField,
            'a peer may not specify both ipBlock and another peer',
            'put the ipBlock in a peer of its own',
          );
        const ipBlock = asObject(peer.ipBlock);
        if (ipBlock) checkIpBlock(ctx, obj, ipBlock, `${pField}.ipBlock`);
      }
      for (const [port, j] of objectsIn(rule.ports)) checkPolicyPort(ctx, obj, port, `${at}.ports[${j}]`);
    }
  }
}

function checkIpBlock(ctx: ValidationContext, obj: ObjectToValidate, ipBlock: JsonObject, field: string): void {
  const cidr = asString(ipBlock.cidr);
  if (cidr === undefined || cidr.length === 0) {
    ctx.report(obj, 'values/required', `${field}.cidr`, 'an ipBlock needs a cidr', "set e.g. '10.0.0.0/8'");
    return;
  }
  const parsed = parseCidr(cidr);
  if (!parsed) {
    ctx.report(obj, 'values/network-policy', `${field}.cidr`, `'${cidr}' is not a valid CIDR`, "use e.g. '10.0.0.0/8'");
    return;
  }
  const block = new BlockList();
  block.addSubnet(parsed.address, parsed.prefix, parsed.family);
  stringsIn(ipBlock.except).forEach((except, i) => {
    const e = parseCidr(except);
    const inside =
      e !== undefined && e.family === parsed.family && e.prefix > parsed.prefix && block.check(e.address, e.family);
    if (!inside)
      ctx.report(
        obj,
        'values/network-policy',
        `${field}.except[${i}]`,
        e ? `'${except}' must be a strict subset of cidr '${cidr}'` : `'${except}' is not a valid CIDR`,
        'list only ranges inside the cidr',
      );
  });
}

function checkPolicyPort(ctx: ValidationContext, obj: ObjectToValidate, p: JsonObject, field: string): void {
  const port = p.port;
  if (typeof port === 'number')
    for (const prob of portNumberProblems(port))
      ctx.report(obj, 'values/port', `${field}.port`, `port ${prob}`, 'use a port from 1 to 65535');
  if (typeof port === 'string')
    for (const prob of ianaSvcNameProblems(port))
      ctx.report(
        obj,
        'values/port-name',
        `${field}.port`,
        `port name '${port}' ${prob}`,
        'use a port number or a valid port name',
      );
  const endPort = asNumber(p.endPort);
  if (endPort === undefined) return;
  if (typeof port !== 'number')
    ctx.report(
      obj,
      'values/port',
      `${field}.endPort`,
      'endPort may only be given with a numeric port',
      'set port to a number',
    );
  else if (endPort < port || endPort > 65535)
    ctx.report(
      obj,
      'values/port',
      `${field}.endPort`,
      `endPort ${endPort} must be from port (${port}) to 65535`,
      'fix the range',
    );
}
