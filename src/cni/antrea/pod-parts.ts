/** Pod-spec fragments the antrea-agent and antrea-controller share (antrea.yml v2.7.0). */
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { fieldRefEnv } from '../common/k8s-helpers';
import { ANTREA_CONFIG_MAP } from './config';

/** Log flags both binaries take (chart `logFileMaxSize` 100, `logFileMaxNum` 4). */
export const LOG_FILE_ARGS = ['--log_file_max_size=100', '--log_file_max_num=4'];

/** `--config=…` and logging to /var/log/antrea and stderr. */
export function antreaArgs(conf: string): string[] {
  return [`--config=/etc/antrea/${conf}`, '--logtostderr=false', '--log_dir=/var/log/antrea', '--alsologtostderr', ...LOG_FILE_ARGS];
}

/** POD_NAME, POD_NAMESPACE, NODE_NAME from the downward API. */
export const POD_IDENTITY_ENV: k8s.EnvVar[] = [fieldRefEnv('POD_NAME', 'metadata.name'), fieldRefEnv('POD_NAMESPACE', 'metadata.namespace'), fieldRefEnv('NODE_NAME', 'spec.nodeName')];

/** The `antrea-config` ConfigMap volume, and a read-only mount of one of its keys under /etc/antrea. */
export const CONFIG_VOLUME: k8s.Volume = { name: 'antrea-config', configMap: { name: ANTREA_CONFIG_MAP } };
export function configMount(key: string): k8s.VolumeMount {
  return { name: 'antrea-config', mountPath: `/etc/antrea/${key}`, subPath: key, readOnly: true };
}

/** An HTTPS probe of the component's `api` port on localhost. */
export function apiProbe(path: string, timing: Omit<k8s.Probe, 'httpGet'>): k8s.Probe {
  return { httpGet: { host: 'localhost', path, port: k8s.IntOrString.fromString('api'), scheme: 'HTTPS' }, ...timing };
}

/** The `api` container port. */
export function apiPort(port: number): k8s.ContainerPort {
  return { containerPort: port, name: 'api', protocol: 'TCP' };
}

