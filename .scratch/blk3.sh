sudo sed -i 's#--cluster-cidr=10.32.0.0/12#--cluster-cidr=10.244.0.0/16#' /etc/kubernetes/manifests/kube-controller-manager.yaml
kubectl -n kube-system get configmap kubeadm-config -o yaml | sed 's#podSubnet: 10.32.0.0/12#podSubnet: 10.244.0.0/16#' | kubectl apply -f -
if kubectl -n kube-system get configmap kube-proxy >/dev/null 2>&1; then kubectl -n kube-system get configmap kube-proxy -o yaml | sed 's#clusterCIDR: 10.32.0.0/12#clusterCIDR: 10.244.0.0/16#' | kubectl apply -f -; fi
