/**
 * Amazon Connect resource ARNs: arn:<partition>:connect:<region>:<account>:instance/<instance-id>[/<kind>/<id>].
 * Connect's flow actions take ids in places (AgentsCriteria.AgentIds takes agent user ids), ARNs in others.
 */
export type ConnectResource = 'instance' | 'queue' | 'agent';

const INSTANCE_PREFIX = /^(arn:[\w-]+:connect:[\w-]*:\d*:instance\/([\w-]+))/;
const UNDER_INSTANCE = /^arn:[\w-]+:connect:[\w-]*:\d*:instance\/[\w-]+\/(queue|agent)\/([\w-]+)$/;
const BARE_ID = /^[\w-]{1,256}$/;

/**
 * The id in a Connect ARN of that kind; a bare id is returned as it is; anything else is undefined.
 * Any ARN under an instance names its instance.
 */
export function connectIdOf(arnOrId: string, kind: ConnectResource): string | undefined {
  if (!arnOrId.startsWith('arn:')) return BARE_ID.test(arnOrId) ? arnOrId : undefined;
  if (kind === 'instance') return INSTANCE_PREFIX.exec(arnOrId)?.[2];
  const match = UNDER_INSTANCE.exec(arnOrId);
  return match?.[1] === kind ? match[2] : undefined;
}

/** The instance ARN a queue or agent ARN belongs to (undefined when it is not a Connect ARN). */
export function instanceArnOf(arn: string): string | undefined {
  return INSTANCE_PREFIX.exec(arn)?.[1];
}

/** The ARN of an agent of the instance that `anyArnOfInstance` (e.g. a queue ARN) belongs to; '' when unknown. */
export function agentArnOf(anyArnOfInstance: string, agentId: string): string {
  const instance = instanceArnOf(anyArnOfInstance);
  return instance && agentId ? `${instance}/agent/${agentId}` : '';
}
