kubectl apply --server-side -f cni-migration/manifests/0000-calico-vxlan-crds.k8s.yaml
