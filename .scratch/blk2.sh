test -s cni-migration/manifests/0000-calico-vxlan-crds.k8s.yaml
test -s cni-migration/manifests/0001-calico-vxlan.k8s.yaml
test -s cni-migration/teardown-weave.sh
test -s cni-migration/node-cleanup-weave.sh
