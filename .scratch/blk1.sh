mkdir -p cni-migration/manifests
cdk8s-cni validate weave.yaml
cdk8s-cni validate calico-vxlan.yaml
cdk8s-cni synth calico-vxlan.yaml -o cni-migration/manifests
cdk8s-cni teardown weave.yaml --scope primary --keep-crds-of calico-vxlan.yaml > cni-migration/teardown-weave.sh
cdk8s-cni node-cleanup weave.yaml --scope primary > cni-migration/node-cleanup-weave.sh
