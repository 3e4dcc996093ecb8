/** Removing a CNI from a cluster: API objects in safe order, node state per CNI. */
export * from './node-cleanup';
export * from './teardown';
export * from './ownership';
export * from './shell';
