#include "CFloatFormat.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cff_format_double(char *out, int size, const char *flags, int precision, char conversion, double value) {
    if (strchr("eEfFgG", conversion) == NULL || strlen(flags) > 3 || precision < 0 || precision > 10000) {
        return -1;
    }
    char spec[16];
    snprintf(spec, sizeof spec, "%%%s.*%c", flags, conversion);
    return snprintf(out, (size_t)size, spec, precision, value);
}

double cff_round_double(double x, int digits) {
    char buffer[1100];
    if (digits > 330) {
        return x;
    }
    snprintf(buffer, sizeof buffer, "%.*f", digits, x);
    return strtod(buffer, NULL);
}

double cff_round_significant(double x, int digits) {
    char buffer[64];
    if (digits < 1 || digits > 17) {
        return x;
    }
    snprintf(buffer, sizeof buffer, "%.*g", digits, x);
    return strtod(buffer, NULL);
}
