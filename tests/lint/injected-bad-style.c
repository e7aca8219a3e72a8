// SPDX-License-Identifier: GPL-2.0
/* Deliberately bad style: ENT_INJECT_FAIL=lint must make lint fail. */
int injected_bad_style(int x){ return x;}
