/** `cdk8s-cni/aws-vpc-cni`: the Amazon VPC CNI construct, ENIConfig, max pods and the EKS add-on values. */
export * from '../cni/common/crd-definition';
export * from '../cni/aws-vpc-cni/props';
export * from '../cni/aws-vpc-cni/aws-vpc-cni';
export * from '../generated/aws-vpc-cni';
export * from '../cni/aws-vpc-cni/eni-config';
export * from '../cni/aws-vpc-cni/env';
export * from '../cni/aws-vpc-cni/max-pods';
export * from '../cni/aws-vpc-cni/eks-addon';
export { SecurityGroupPolicy, MAX_POLICY_SECURITY_GROUPS, type SecurityGroupPolicyProps } from '../cni/aws-vpc-cni/security-group-policy';
export { eksAddonValues, type EksAddonValues, type EksNodeSettings } from '../cni/aws-vpc-cni/eks-addon-values';
