i=0
for ip in $(kubectl -n cni-migration-check get pods -l app=echo -o jsonpath='{.items[*].status.podIP}'); do
  i=$((i + 1))
  case "$ip" in *:*) target="[$ip]:8080" ;; *) target="$ip:8080" ;; esac
  kubectl -n cni-migration-check run "probe-pod-$i" --rm -i --restart=Never --image=registry.k8s.io/e2e-test-images/agnhost:2.53 -- /agnhost connect --timeout=5s "$target"
done
kubectl -n cni-migration-check run probe-service --rm -i --restart=Never --image=registry.k8s.io/e2e-test-images/agnhost:2.53 -- /agnhost connect --timeout=5s echo.cni-migration-check.svc:8080
kubectl delete namespace cni-migration-check --ignore-not-found
