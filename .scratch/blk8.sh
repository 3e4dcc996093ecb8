! kubectl -n kube-system get daemonset weave-net >/dev/null 2>&1
