/** Reads back the files a generated bootstrap script writes (`cat >PATH <<'CDK8S_CNI_EOF'`). */
export function fileWrittenBy(script: string, path: string): string {
  const m = new RegExp(`cat >${path.replace(/\./g, '\\.')} <<'CDK8S_CNI_EOF'\\n([\\s\\S]*?)CDK8S_CNI_EOF`).exec(script);
  if (!m) throw new Error(`${path} is not written by the script`);
  return m[1];
}
