import os from 'node:os';
import path from 'node:path';

/** What the cluster starter (start-cluster.ts) tells the spec: which process is which node. */
export interface ClusterState {
  proxyPort: number;
  nodes: Array<{ index: number; port: number; pid: number }>;
}

export const clusterStateFile = (proxyPort: number) => path.join(os.tmpdir(), `minka-e2e-cluster-${proxyPort}.json`);
