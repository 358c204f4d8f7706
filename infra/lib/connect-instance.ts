/** ARNs under an Amazon Connect instance, for IAM policies scoped to that instance only. */
export function connectArns(instanceArn: string) {
  return {
    instance: instanceArn,
    queues: `${instanceArn}/queue/*`,
    contacts: `${instanceArn}/contact/*`,
  };
}
