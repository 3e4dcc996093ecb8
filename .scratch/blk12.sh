kubectl wait --for=condition=Ready node --all --timeout=5m
kubectl -n kube-system rollout status daemonset/calico-node --timeout=5m
