for node in $(kubectl get nodes -o jsonpath='{.items[*].metadata.name}'); do
  kubectl cordon "$node"
  kubectl drain "$node" --ignore-daemonsets --delete-emptydir-data --timeout=10m
  ssh "$node" sudo sh -s < cni-migration/node-cleanup-weave.sh
  kubectl -n kube-system delete pod -l k8s-app=calico-node --field-selector spec.nodeName="$node" --ignore-not-found
  for _ in $(seq 60); do
    kubectl -n kube-system wait pod -l k8s-app=calico-node --field-selector spec.nodeName="$node" --for=condition=Ready --timeout=5s >/dev/null 2>&1 && break
    sleep 5
  done
  kubectl -n kube-system wait pod -l k8s-app=calico-node --field-selector spec.nodeName="$node" --for=condition=Ready --timeout=5s
  first=$(ssh "$node" ls /etc/cni/net.d | grep -E '[.]conf(list)?$' | head -n 1)
  case "$first" in 10-calico.conflist) ;; *) echo "$node: first CNI config is $first" >&2; exit 1 ;; esac
  ssh "$node" test -f /etc/cni/net.d/10-calico.conflist
  kubectl get pods -A --field-selector spec.nodeName="$node" -o custom-columns=NS:.metadata.namespace,NAME:.metadata.name,HOSTNET:.spec.hostNetwork --no-headers | awk '$3 != "true" {print $1, $2}' | while read -r ns pod; do
    kubectl -n "$ns" delete pod "$pod" --wait=false
  done
  kubectl uncordon "$node"
done
