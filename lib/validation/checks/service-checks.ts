import { ianaSvcNameProblems } from '../../values/api-names';
import { dns1123SubdomainProblems, dns1123LabelProblems, portNumberProblems } from '../../values/dns-name';
import { FieldPath } from '../field-path';
import { duplicate, invalid, namedList, Problem, required } from '../problem';
import { ObjectToValidate, ValidationContext } from '../validation-context';
import { labelProblems } from './metadata-checks';
import { asNumber, asObject, asString, isHeadless, JsonObject } from './shape';

/** Checks a Service as `ValidateService` does: ports, names, node ports, types, selector. */
export function checkService(ctx: ValidationContext, obj: ObjectToValidate): void {
  if (obj.manifest.kind !== 'Service') return;
  const spec = asObject(obj.manifest.spec);
  if (spec) ctx.reportAll(obj, serviceProblems(spec, FieldPath.root('spec')));
}

/** The problems of a Service spec (at `at`). */
export function serviceProblems(spec: JsonObject, at: FieldPath): Problem[] {
  const out: Problem[] = [];
  const type = asString(spec.type) ?? 'ClusterIP';
  const headless = isHeadless(spec);
  const ports = namedList(spec.ports, at.child('ports'));
  if (ports.length === 0 && !headless && type !== 'ExternalName')
    out.push(
      required(
        at.child('ports'),
        `a ${type} Service needs at least one port`,
        "add a port, or make the Service headless (clusterIP: 'None')",
      ),
    );
  if (type === 'ExternalName') {
    const externalName = asString(spec.externalName);
    if (externalName === undefined || externalName.length === 0)
      out.push(
        invalid(
          at.child('externalName'),
          'an ExternalName Service needs an externalName',
          'set the DNS name to alias',
          'values/service',
        ),
      );
    else
      for (const p of dns1123SubdomainProblems(externalName.replace(/\.$/, '')))
        out.push(
          invalid(at.child('externalName'), `externalName '${externalName}' ${p}`, 'use a DNS name', 'values/service'),
        );
    if (asString(spec.clusterIP) !== undefined && spec.clusterIP !== '')
      out.push(
        invalid(
          at.child('clusterIP'),
          'an ExternalName Service has no cluster IP',
          'remove clusterIP',
          'values/service',
        ),
      );
  }
  if (headless && (type === 'NodePort' || type === 'LoadBalancer'))
    out.push(
      invalid(
        at.child('clusterIP'),
        `a ${type} Service cannot be headless (clusterIP: None)`,
        'remove clusterIP or change the type',
        'values/service',
      ),
    );
  const seenPorts = new Set<string>();
  const seenNodePorts = new Set<string>();
  for (const { item: p, path: field, name, repeated } of ports) {
    const protocol = asString(p.protocol) ?? 'TCP';
    const port = asNumber(p.port);
    if (port !== undefined) {
      for (const prob of portNumberProblems(port))
        out.push(invalid(field.child('port'), `port ${prob}`, 'use a port from 1 to 65535', 'values/port'));
      const key = `${protocol}/${port}`;
      if (seenPorts.has(key))
        out.push(
          duplicate(
            field.child('port'),
            `port ${port}/${protocol} is used more than once`,
            'give each port a different number or protocol',
            'values/service',
          ),
        );
      seenPorts.add(key);
    }
    const target = p.targetPort;
    if (typeof target === 'number')
      for (const prob of portNumberProblems(target))
        out.push(invalid(field.child('targetPort'), `targetPort ${prob}`, 'use a port from 1 to 65535', 'values/port'));
    if (typeof target === 'string')
      for (const prob of ianaSvcNameProblems(target))
        out.push(
          invalid(
            field.child('targetPort'),
            `targetPort name '${target}' ${prob}`,
            'use the name of a container port',
            'values/port-name',
          ),
        );
    const nodePort = asNumber(p.nodePort);
    if (nodePort !== undefined && nodePort !== 0) {
      if (type !== 'NodePort' && type !== 'LoadBalancer')
        out.push(
          invalid(
            field.child('nodePort'),
            `nodePort may not be used when type is '${type}'`,
            'remove nodePort or use type NodePort or LoadBalancer',
            'values/service',
          ),
        );
      else {
        for (const prob of portNumberProblems(nodePort))
          out.push(
            invalid(
              field.child('nodePort'),
              `nodePort ${prob}`,
              'pick a port from 30000 to 32767 or leave nodePort unset',
              'values/port',
            ),
          );
        const key = `${protocol}/${nodePort}`;
        if (seenNodePorts.has(key))
          out.push(
            duplicate(
              field.child('nodePort'),
              `nodePort ${nodePort}/${protocol} is used more than once`,
              'give each port its own nodePort',
              'values/service',
            ),
          );
        seenNodePorts.add(key);
      }
    }
    if (name !== undefined && name.length > 0) {
      for (const prob of dns1123LabelProblems(name))
        out.push(
          invalid(
            field.child('name'),
            `port name '${name}' ${prob}`,
            "use a short lowercase name such as 'http'",
            'values/port-name',
          ),
        );
      if (repeated)
        out.push(
          duplicate(
            field.child('name'),
            `port name '${name}' is used more than once`,
            'name each port uniquely',
            'values/port-name',
          ),
        );
    } else if (ports.length > 1)
      out.push(
        invalid(
          field.child('name'),
          'every port of a multi-port Service must be named',
          "name each port, e.g. 'http' and 'metrics'",
          'values/port-name',
        ),
      );
  }
  out.push(...labelProblems(spec.selector, at.child('selector')));
  return out;
}
