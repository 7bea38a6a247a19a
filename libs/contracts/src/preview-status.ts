export enum PreviewStatus {
  Pending = 'pending',
  Ready = 'ready',
  Failed = 'failed',
}
