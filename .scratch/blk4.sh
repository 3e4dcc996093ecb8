sudo grep -q -- --cluster-cidr=10.244.0.0/16 /etc/kubernetes/manifests/kube-controller-manager.yaml
kubectl -n kube-system get configmap kubeadm-config -o yaml | grep -q 'podSubnet: 10.244.0.0/16'
