// Linux capabilities a restore needs (Open Liberty InstantOn docs, domain-facts §5.1).

export const RESTORE_CAPABILITIES = ['CHECKPOINT_RESTORE', 'SETPCAP'] as const;

/**
 * CRaC's CRIU engine restores with CHECKPOINT_RESTORE and SYS_PTRACE (Azul docs "Running CRaC in a Container",
 * docs.azul.com/crac/deployment/docker-container: `--cap-add CHECKPOINT_RESTORE --cap-add SYS_PTRACE`); it does
 * not ask for SETPCAP, which Liberty's restore needs to adjust the bounding set.
 */
export const CRAC_RESTORE_CAPABILITIES = ['CHECKPOINT_RESTORE', 'SYS_PTRACE'] as const;

/** The capabilities a restore by this runtime needs. */
export function restoreCapabilitiesFor(runtime: string): readonly string[] {
  return runtime === 'crac' ? CRAC_RESTORE_CAPABILITIES : RESTORE_CAPABILITIES;
}

export const CAPABILITY_DOCS: Readonly<Record<string, string>> = {
  CHECKPOINT_RESTORE:
    'CAP_CHECKPOINT_RESTORE (Linux 5.9+): lets CRIU restore a process without full CAP_SYS_ADMIN (set PIDs, read /proc/<pid>/map_files). Open Liberty InstantOn needs it to restore (`capabilities.add: [CHECKPOINT_RESTORE, SETPCAP]`); Docker 23.0+ knows it. Linters such as kube-linter and Polaris flag added capabilities by default: this one is required.',
  SETPCAP:
    'CAP_SETPCAP: lets the restored process adjust its capability bounding set, as CRIU does when it restores the checkpointed process\'s capabilities. Open Liberty InstantOn requires it at restore beside CHECKPOINT_RESTORE.',
  SYS_PTRACE:
    'CAP_SYS_PTRACE: needed when the checkpoint is taken (image build), not at restore: "The SYS_PTRACE capability is not required to run the InstantOn application container image" (Open Liberty docs).',
};
