/** The Pulumi project name (Pulumi.yaml `name`): the namespace of every stack config key. */
export const PROJECT = 'cdk8s-cni';
