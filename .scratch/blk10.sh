kubectl -n kube-system rollout status daemonset/calico-node --timeout=10m
