#ifndef C_FLOAT_FORMAT_H
#define C_FLOAT_FORMAT_H

/// Formats one double with a printf conversion (e, E, f, F, g, G), as Python's %-formatting
/// does: C's correctly rounded conversion in the C locale. `flags` is a NUL-terminated subset of
/// "+ #". Returns the length written (truncated to size - 1), or -1 on a bad conversion.
int cff_format_double(char *out, int size, const char *flags, int precision, char conversion, double value);

/// Python's round(x, digits) for digits >= 0: the decimal string correctly rounded from the
/// binary value (ties to even), read back as a double.
double cff_round_double(double x, int digits);

/// `x` to `digits` significant digits: printf's "%.*g" in the C locale (correctly rounded), read
/// back with strtod. The same double as formatting with Foundation's String(format:) and parsing
/// with Double(_:), without Foundation's format parser.
double cff_round_significant(double x, int digits);

#endif
