// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Formatted output, the little of printf the unikernel uses: %s %c %%,
 * %d %u %x with an optional l, a width and zero padding, and %p. Output
 * that does not fit is cut, always NUL-terminated.
 */
#include "uk.h"

struct uk_out {
	char *buf;
	size_t size, len;	/* len counts what did not fit too */
};

static void uk_put(struct uk_out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void uk_put_num(struct uk_out *o, u64 v, unsigned int base, bool neg,
		       unsigned int width, char pad)
{
	char digits[24];
	unsigned int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		digits[n++] = '-';
	while (width > n) {
		uk_put(o, pad);
		width--;
	}
	while (n)
		uk_put(o, digits[--n]);
}

int uk_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct uk_out o = { .buf = buf, .size = size };

	for (; *fmt; fmt++) {
		unsigned int width = 0;
		bool is_long = false;
		char pad = ' ';
		const char *s;
		long sv;

		if (*fmt != '%') {
			uk_put(&o, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '0')
			pad = '0';
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (unsigned int)(*fmt++ - '0');
		if (*fmt == 'l') {
			is_long = true;
			fmt++;
		}
		switch (*fmt) {
		case 's':
			for (s = va_arg(ap, const char *); s && *s; s++)
				uk_put(&o, *s);
			break;
		case 'c':
			uk_put(&o, (char)va_arg(ap, int));
			break;
		case 'd':
			sv = is_long ? va_arg(ap, long) : va_arg(ap, int);
			uk_put_num(&o, sv < 0 ? -(u64)sv : (u64)sv, 10, sv < 0,
				   width, pad);
			break;
		case 'u':
			uk_put_num(&o, is_long ? va_arg(ap, unsigned long) :
				   va_arg(ap, unsigned int), 10, false, width, pad);
			break;
		case 'x':
			uk_put_num(&o, is_long ? va_arg(ap, unsigned long) :
				   va_arg(ap, unsigned int), 16, false, width, pad);
			break;
		case 'p':
			uk_put(&o, '0');
			uk_put(&o, 'x');
			uk_put_num(&o, (unsigned long)va_arg(ap, void *), 16,
				   false, 0, ' ');
			break;
		case '%':
			uk_put(&o, '%');
			break;
		default:	/* unknown: shown, not guessed at */
			uk_put(&o, '%');
			if (!*fmt)
				goto out;
			uk_put(&o, *fmt);
		}
	}
out:
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int uk_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = uk_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void uk_printf(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = uk_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 1)
		n = sizeof(line) - 1;
	uk_console_write(line, (size_t)n);
}
