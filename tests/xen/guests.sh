# Shared by dom0's test and demo scripts.
# shellcheck shell=sh

# guest_cfg NAME [EXTRA]: an xl config for a PV guest booting the test
# initramfs; EXTRA goes on its kernel command line (ent.idle, ent.inject=).
guest_cfg() {
	cat <<CFG
name = "$1"
type = "pv"
kernel = "/ent/guest/vmlinuz"
ramdisk = "/ent/guest/initrd.gz"
extra = "console=hvc0 panic=-1 $2"
memory = 256
vcpus = 1
on_poweroff = "destroy"
on_crash = "destroy"
CFG
}
