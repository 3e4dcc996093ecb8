/** EC2 resource ID shapes (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html: prefix and 8 or 17 hex digits). */
export const SUBNET_ID = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/;
export const SG_ID = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;
