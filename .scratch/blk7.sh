sh cni-migration/teardown-weave.sh
