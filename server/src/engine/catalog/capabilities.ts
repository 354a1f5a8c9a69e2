// Linux capabilities a restore needs (Open Liberty InstantOn docs, domain-facts §5.1).

export const RESTORE_CAPABILITIES = ['CHECKPOINT_RESTORE', 'SETPCAP'] as const;

export const CAPABILITY_DOCS: Readonly<Record<string, string>> = {
  CHECKPOINT_RESTORE:
    'CAP_CHECKPOINT_RESTORE (Linux 5.9+): lets CRIU restore a process without full CAP_SYS_ADMIN (set PIDs, read /proc/<pid>/map_files). Open Liberty InstantOn needs it to restore (`capabilities.add: [CHECKPOINT_RESTORE, SETPCAP]`); Docker 23.0+ knows it. Linters such as kube-linter and Polaris flag added capabilities by default: this one is required.',
  SETPCAP:
    'CAP_SETPCAP: lets the restored process adjust its capability bounding set, as CRIU does when it restores the checkpointed process\'s capabilities. Open Liberty InstantOn requires it at restore beside CHECKPOINT_RESTORE.',
  SYS_PTRACE:
    'CAP_SYS_PTRACE: needed when the checkpoint is taken (image build), not at restore: "The SYS_PTRACE capability is not required to run the InstantOn application container image" (Open Liberty docs).',
};
