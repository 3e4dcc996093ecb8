kubectl get pods -A -o custom-columns=NS:.metadata.namespace,NAME:.metadata.name,IP:.status.podIP,HOSTNET:.spec.hostNetwork --no-headers | awk '$4 != "true"'
kubectl create namespace cni-migration-check --dry-run=client -o yaml | kubectl apply -f -
kubectl -n cni-migration-check create deployment echo --image=registry.k8s.io/e2e-test-images/agnhost:2.53 --replicas=2 --dry-run=client -o yaml -- /agnhost netexec --http-port=8080 | kubectl apply -f -
kubectl -n cni-migration-check expose deployment echo --port=8080 --dry-run=client -o yaml | kubectl apply -f -
kubectl -n cni-migration-check rollout status deployment/echo --timeout=5m
