// x86 /proc/cpuinfo flags that are not instruction-set features: Linux-defined synthetic flags, power management,
// virtualization (VMX/SVM sub-features), monitoring and speculation-control flags (Linux
// arch/x86/include/asm/cpufeatures.h, words 3, 7, 8, 11, 14, 15 and 19). No code can fail on a CPU for lacking them,
// so a checkpoint host's feature list may carry them without a finding. The list is the union of such flags seen in
// the real captures under test/fixtures/cpuinfo/, plus their close relatives from the same header words.
const FLAGS = `aperfmperf arat arch_capabilities arch_lbr arch_perfmon art avic bpext bts cat_l2 cat_l3 cdp_l2 cdp_l3
constant_tsc cpb cpuid cpuid_fault cqm_llc cqm_mbm_local cqm_mbm_total cqm_occup_llc decodeassists dtherm eagerfpu
epb ept ept_ad extd_apicid flexpriority flushbyasid hw_pstate hwp hwp_act_window hwp_epp hwp_notify hwp_pkg_req
hypervisor ibpb ibrs ibrs_enhanced ibt ida intel_ppin intel_stibp invpcid_single irperf lbrv mba md_clear
nonstop_tsc nopl npt nrip_save overflow_recov pausefilter pconfig pebs perfctr_core perfctr_llc perfctr_nb
pfthreshold pln pti pts rep_good retpoline smca spec_ctrl split_lock_detect ssbd stibp succor svm_lock
tpr_shadow tsc_known_freq tsc_reliable tsc_scale tsci umip v_spec_ctrl v_vmsave_vmload vgif vmcb_clean vmmcall
vnmi vpid wbnoinvd xsaveerptr xtopology`;

export const LINUX_SYSTEM_FLAGS: ReadonlySet<string> = new Set(FLAGS.split(/\s+/).filter(Boolean));
