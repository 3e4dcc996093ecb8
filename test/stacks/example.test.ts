/**
 * The example Pulumi program (examples/pulumi) under mocks: it imports the components from the package name
 * `cdk8s-cni/pulumi` (mapped here to stacks/components, as the root tsconfig `paths` does for type-checking) and
 * builds a parented EKS cluster with its platform options.
 */
import { ofType, resource, runStack } from '../support/pulumi-mocks';

const PROJECT = 'cdk8s-cni-platform-example';

test('examples/pulumi: an EksCluster from the package entry, with the options a platform team sets', async () => {
  const run = await runStack(
    { [`${PROJECT}:adminCidrs`]: JSON.stringify(['203.0.113.0/24']), [`${PROJECT}:ciRoleArn`]: 'arn:aws:iam::111122223333:role/ci' },
    {
      program: {
        project: PROJECT,
        load: async () => {
          jest.doMock('cdk8s-cni/pulumi', () => jest.requireActual('../../stacks/components'), { virtual: true });
          return (await import('../../examples/pulumi/index')) as Record<string, unknown>;
        },
      },
    },
  );
  const top = [...run.options.entries()].filter(([, o]) => o.parent === undefined || o.parent.startsWith('pulumi:pulumi:Stack'));
  expect(top.map(([k]) => k)).toEqual(['cdk8s-cni:index:EksCluster platform']);
  expect(resource(run, 'aws:eks/cluster:Cluster', 'platform').inputs.name).toBe('eks-prefix-test');
  expect(ofType(run, 'aws:eks/nodeGroup:NodeGroup').map((g) => [g.inputs.nodeGroupName, g.inputs.capacityType])).toEqual([
    ['system', 'ON_DEMAND'],
    ['spot', 'SPOT'],
  ]);
  expect(ofType(run, 'aws:ec2/natGateway:NatGateway')).toHaveLength(3);
  expect(run.outputs.maxPods).toEqual({ system: 110, spot: 110 });
  expect(run.secretOutputs).toEqual(new Set(['kubeconfig']));
}, 60_000);
