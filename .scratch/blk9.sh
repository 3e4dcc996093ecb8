kubectl apply --server-side -f cni-migration/manifests/0001-calico-vxlan.k8s.yaml
