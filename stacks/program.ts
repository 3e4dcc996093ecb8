/**
 * The Pulumi program: read and validate the stack configuration and the network spec (every problem reported at once,
 * before any resource is registered), then build the chosen cluster with its component. The components check again
 * (cheap, and the same checks), so the program is only the mapping from stack config to component.
 */
import * as pulumi from '@pulumi/pulumi';
import { AksCluster } from './components/aks-cluster';
import { EksCluster } from './components/eks-cluster';
import { KubeadmCluster, type KubeadmClusterArgs } from './components/kubeadm-cluster';
import { parseStackConfig, projectConfig } from './config';

export interface ProgramOptions {
  readonly kubeadm?: Pick<KubeadmClusterArgs, 'waitForApiServer'>;
  /** Where relative `networkFile` paths start. @default the folder holding Pulumi.yaml */
  readonly baseDir?: string;
}

/** Runs the program and returns the stack outputs. */
export function runProgram(opts: ProgramOptions = {}): Record<string, unknown> {
  const cfg = parseStackConfig(projectConfig(pulumi.runtime.allConfig(), pulumi.getProject()), pulumi.getProject(), opts.baseDir);
  const name = cfg.network.metadata.name;
  switch (cfg.cluster) {
    case 'eks': {
      const c = new EksCluster(name, { network: cfg.network, ...cfg.eks });
      return {
        cluster: 'eks',
        clusterName: c.clusterName,
        endpoint: c.endpoint,
        oidcIssuer: c.oidcIssuer,
        clusterRoleArn: c.clusterRoleArn,
        nodeRoleArn: c.nodeRoleArn,
        clusterSecurityGroupId: c.clusterSecurityGroupId,
        nodeSecurityGroupId: c.nodeSecurityGroupId,
        privateSubnetIds: c.privateSubnetIds,
        kubeconfig: c.kubeconfig,
        maxPods: c.maxPods,
      };
    }
    case 'aks': {
      const c = new AksCluster(name, { network: cfg.network, ...cfg.aks });
      return { cluster: 'aks', clusterName: c.clusterName, resourceGroupName: c.resourceGroupName, identityPrincipalId: c.identityPrincipalId, nodeSubnetId: c.nodeSubnetId, kubeconfig: c.kubeconfig };
    }
    default: {
      const c = new KubeadmCluster(name, { network: cfg.network, ...cfg.kubeadm, ...opts.kubeadm });
      return { cluster: 'kubeadm', controlPlanePublicIp: c.controlPlanePublicIp, kubeconfig: c.kubeconfig, caCertHash: c.caCertHash, workerPrivateIps: c.workerPrivateIps };
    }
  }
}
