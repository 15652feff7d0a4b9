"""Differential test cases for the Swift Jinja2-compatible template engine.

scripts/gen-template-corpus renders every case here with Jinja2 3.1.6 configured as the briefing
templates are rendered (trim_blocks, lstrip_blocks, keep_trailing_newline, StrictUndefined,
autoescape for template names ending in ".html") and writes the results to corpus.json next to
this file. Edit this file, never corpus.json; then rerun the script.

Each case is a dict:
    name       unique slug "group/what-it-checks"
    templates  template name -> source; the entry template is "main.md" unless `entry` says otherwise
    data       the render context; plain JSON only (ints as ints, floats as floats)
    entry      optional entry template name, e.g. "main.html" for autoescape cases

The `case()` helper builds that dict: `case(name, source, data, templates=..., entry=...)` puts
`source` under the entry name and adds any further templates (partials, layouts).

Template sources are ordinary Python strings: "\\n" in a Python string here is a newline in the
template. Where a case needs a backslash inside the template itself (a Jinja string escape) the
source is a raw string r"...".

Keep the language to the subset the engine implements (see the group comments below). Data dicts
are passed to Jinja2 after a JSON round-trip with sorted keys, i.e. exactly as corpus.json stores
them; iterate data objects through `dictsort` or write their keys sorted if the order matters.
"""

CASES = []


def case(name, source=None, data=None, *, templates=None, entry="main.md"):
    """Add one case: `source` is the entry template; `templates` holds any others."""
    all_templates = dict(templates or {})
    if source is not None:
        all_templates[entry] = source
    c = {"name": name, "templates": all_templates, "data": data if data is not None else {}}
    if entry != "main.md":
        c["entry"] = entry
    CASES.append(c)


# ---------------------------------------------------------------------------------------------
# whitespace: trim_blocks, lstrip_blocks, keep_trailing_newline, "-" modifiers, CRLF
# ---------------------------------------------------------------------------------------------

case("whitespace/trim-blocks-if-lines", """\
before
{% if true %}
yes
{% endif %}
after
""")

case("whitespace/trim-blocks-endif-at-line-end", """\
before {% if true %}x{% endif %}
after
""")

case("whitespace/trim-blocks-else-lines", """\
{% if flag %}
on
{% else %}
off
{% endif %}
done
""", {"flag": False})

case("whitespace/trim-blocks-elif-lines", """\
{% if n == 1 %}
one
{% elif n == 2 %}
two
{% else %}
many
{% endif %}
""", {"n": 2})

case("whitespace/trim-blocks-only-first-newline", """\
{% if true %}

x
{% endif %}


end
""")

case("whitespace/trim-blocks-not-after-trailing-spaces", "{% if true %}  \nx{% endif %}\n")

case("whitespace/trim-blocks-after-comment", """\
a
{# a comment on its own line #}
b
""")

case("whitespace/trim-blocks-after-inline-comment", "a {# note #}\nb\n")

case("whitespace/comment-inline-keeps-spaces", "a {# c #} b\n")

case("whitespace/comment-multiline", """\
start
{# this comment
   spans {{ several }} lines
   and has {% tags %} inside #}
end
""")

case("whitespace/lstrip-blocks-indented-for", """\
<ul>
    {% for x in xs %}
    <li>{{ x }}</li>
    {% endfor %}
</ul>
""", {"xs": ["a", "b"]})

case("whitespace/lstrip-blocks-tabs", "\t{% if true %}\n\tx\n\t\t{% endif %}\nend\n")

case("whitespace/lstrip-not-applied-to-variables", """\
    {{ x }}
	{{ x }}
""", {"x": "v"})

case("whitespace/lstrip-only-at-line-start", "a  {% if true %}b{% endif %}  c\n")

case("whitespace/lstrip-comment-at-line-start", "  {# c #}\nx\n")

case("whitespace/lstrip-nested-ifs-indented", """\
{% for row in rows %}
  {% if row.show %}
    - {{ row.name }}
  {% else %}
    - (hidden)
  {% endif %}
{% endfor %}
""", {"rows": [{"name": "a", "show": True}, {"name": "b", "show": False}]})

case("whitespace/minus-strips-left", "a   \n  {{- x }}|\n", {"x": "X"})

case("whitespace/minus-strips-right", "{{ x -}}  \n\n  b\n", {"x": "X"})

case("whitespace/minus-strips-many-newlines", "a\n\n\n{{- 'b' -}}\n\n\nc\n")

case("whitespace/minus-on-block-tags", """\
<p>
  {%- if true -%}
    yes
  {%- endif -%}
</p>
""")

case("whitespace/minus-on-for-inline-list", """\
items:
{%- for x in xs %} {{ x }}{% if not loop.last %},{% endif %}{%- endfor %}
""", {"xs": [1, 2, 3]})

case("whitespace/minus-on-comment", "a {#- c -#} b\n")

case("whitespace/minus-with-trim-blocks", """\
{% if true -%}
   x
{%- endif %}
y
""")

case("whitespace/variable-at-line-end-keeps-newline", "{{ x }}\nnext\n", {"x": 1})

case("whitespace/set-lines-removed", """\
{% set a = 1 %}
{% set b = 2 %}
sum {{ a + b }}
""")

case("whitespace/macro-definition-lines-removed", """\
{% macro item(x) %}
- {{ x }}
{% endmacro %}
list:
{{ item(1) }}{{ item(2) }}
""")

case("whitespace/trailing-newline-kept", "x\n")

case("whitespace/trailing-newlines-all-kept", "x\n\n")

case("whitespace/no-trailing-newline", "x")

case("whitespace/trailing-newline-after-endif-trimmed", "{% if true %}x{% endif %}\n")

case("whitespace/raw-newline-after-raw-kept", "{% raw %}\n{{ x }}\n{% endraw %}\nz\n")

case("whitespace/for-inline-single-line", "{% for x in xs %}{{ x }},{% endfor %}\n", {"xs": [1, 2]})

case("whitespace/endfor-followed-by-text", """\
{% for x in xs %}
{{ x }}
{% endfor %}after
""", {"xs": ["a", "b"]})

case("whitespace/empty-lines-preserved", "a\n\n\nb\n")

case("whitespace/crlf-text-normalized", "a\r\nb\r\n")

case("whitespace/crlf-trim-blocks", "{% if true %}\r\n  x\r\n{% endif %}\r\nc\r\n")

case("whitespace/crlf-in-data-preserved", "[{{ s }}]\n", {"s": "a\r\nb"})

case("whitespace/call-block-lines", """\
{% macro box() %}
[
{{ caller() }}
]
{% endmacro %}
{% call box() %}
  inside
{% endcall %}
end
""")


# ---------------------------------------------------------------------------------------------
# literals and printing: Python repr of lists, dicts, tuples, None, booleans, floats
# ---------------------------------------------------------------------------------------------

case("literals/strings-single-and-double-quotes", """{{ 'single' }} {{ "double" }}\n""")

case("literals/string-containing-other-quote", """{{ "it's" }} {{ 'say "hi"' }}\n""")

case("literals/string-backslash-escapes", r"""[{{ "a\tb" }}] [{{ 'it\'s' }}] [{{ "e\u0301"|length }}] [{{ "x\ny" }}]
""")

case("literals/integers", "{{ 42 }} {{ -7 }} {{ 0 }} {{ 1000000 }}\n")

case("literals/floats", "{{ 1.0 }} {{ 1.5 }} {{ 0.1 }} {{ 2.50 }} {{ 1e3 }} {{ 1.5e-7 }} {{ 1E2 }}\n")

case("literals/booleans-both-spellings", "{{ True }} {{ true }} {{ False }} {{ false }}\n")

case("literals/none-both-spellings", "{{ None }} {{ none }}\n")

case("literals/list-printed-as-python-repr", "{{ [1, 2, 3] }} {{ ['a', \"b\"] }}\n")

case("literals/empty-list-and-dict", "{{ [] }} {{ {} }}\n")

case("literals/nested-list-with-mixed-values", "{{ [1, [2, [3, 'x']], none, true, 1.5] }}\n")

case("literals/list-with-floats", "{{ [1.0, 0.1, 1e-05, -0.0, 2.5e16, 0.1 + 0.2] }}\n")

case("literals/dict-printed-as-python-repr", "{{ {'a': 1, 'b': 'x', 'c': [1.0, none]} }}\n")

case("literals/dict-keeps-insertion-order", "{{ {'b': 1, 'a': 2} }} {% for k, v in {'z': 1, 'y': 2}.items() %}{{ k }}={{ v }} {% endfor %}\n")

case("literals/tuple-printing", "{{ (1, 2) }} {{ (1,) }} {{ ('a', none) }}\n")

case("literals/trailing-comma-in-list", "{{ [1, 2,] }} {{ {'a': 1,} }}\n")

case("print/data-list-of-strings-repr-quotes", "{{ xs }}\n",
     {"xs": ["it's", 'say "hi"', "both ' and \"", "plain"]})

case("print/data-strings-with-escapes-repr", "{{ xs }}\n",
     {"xs": ["a\nb", "tab\there", "back\\slash", "bell\u0007"]})

case("print/data-unicode-strings-repr", "{{ xs }}\n", {"xs": ["é", "日本", "🙂", "e\u0301"]})

case("print/data-nested-object", "{{ obj }}\n",
     {"obj": {"a": [1, 2.5, None, True], "b": {"c": "d"}}})

case("print/data-scalars", "{{ i }} {{ f }} {{ t }} {{ n }} {{ s }}\n",
     {"i": 3, "f": 3.0, "t": True, "n": None, "s": "str"})

case("print/string-in-list-vs-bare", "{{ s }} {{ [s] }}\n", {"s": "x"})

case("print/large-int-from-json-exact", "{{ big }} {{ big + 1 }} {{ [big] }}\n", {"big": 9007199254740993})

case("print/negative-zero-from-json", "{{ z }} {{ [z] }}\n", {"z": -0.0})

# ---------------------------------------------------------------------------------------------
# access: attribute and subscript, negative indexes, slices
# ---------------------------------------------------------------------------------------------

case("access/dot-on-dict-key", "{{ user.name }} ({{ user.age }})\n", {"user": {"age": 41, "name": "Ada"}})

case("access/subscript-on-dict-key", "{{ user['name'] }} {{ user[\"age\"] }}\n", {"user": {"age": 41, "name": "Ada"}})

case("access/subscript-with-variable-key", "{% for k in ['b', 'a'] %}{{ d[k] }}{% endfor %}\n", {"d": {"a": 1, "b": 2}})

case("access/subscript-key-with-dash-and-space", "{{ d['a-b'] }} {{ d['c d'] }}\n", {"d": {"a-b": 1, "c d": 2}})

case("access/subscript-prefers-key-over-dict-method", "{{ d['items'] }} {{ d['keys'] }}\n", {"d": {"items": 5, "keys": "k"}})

case("access/dot-name-of-dict-method-is-the-method", "{{ d['values'] }} {{ d.values == d['values'] }} {{ d.name }} {{ d.items is defined }}\n",
     {"d": {"name": "n", "values": [1, 2]}})

case("access/nested-dot-and-subscript", "{{ a.b.c }} {{ a['b']['c'] }} {{ a.b['c'] }} {{ rows[1].name }}\n",
     {"a": {"b": {"c": 7}}, "rows": [{"name": "r0"}, {"name": "r1"}]})

case("access/list-index-positive-and-negative", "{{ xs[0] }} {{ xs[2] }} {{ xs[-1] }} {{ xs[-3] }}\n", {"xs": [10, 20, 30]})

case("access/string-index", "{{ 'abc'[1] }} {{ s[-1] }} {{ s[0] }}\n", {"s": "héllo"})

case("access/index-with-expression", "{{ xs[i + 1] }} {{ xs[xs|length - 1] }}\n", {"i": 0, "xs": ["a", "b", "c"]})

case("slice/list-basic", "{{ xs[1:3] }} {{ xs[:2] }} {{ xs[2:] }}\n", {"xs": [1, 2, 3, 4]})

case("slice/list-negative-bounds", "{{ xs[:-1] }} {{ xs[-2:] }} {{ xs[-3:-1] }}\n", {"xs": [1, 2, 3, 4]})

case("slice/list-reverse-and-step", "{{ xs[::-1] }} {{ xs[::2] }} {{ xs[1::2] }} {{ xs[::-2] }}\n", {"xs": [1, 2, 3, 4, 5]})

case("slice/list-out-of-range", "{{ xs[5:] }} {{ xs[1:100] }} {{ xs[3:1] }}\n", {"xs": [1, 2, 3]})

case("slice/string-basic", "{{ s[1:3] }}|{{ s[:-1] }}|{{ s[::-1] }}|{{ s[::2] }}\n", {"s": "abcdef"})

case("slice/string-unicode-code-points", "{{ s[:2] }}|{{ s[::-1] }}|{{ s[1:] }}\n", {"s": "e\u0301t\u00e9"})

case("slice/with-variables", "{{ xs[a:b] }} {{ s[a:] }}\n", {"a": 1, "b": 3, "s": "hello", "xs": [0, 1, 2, 3]})

case("slice/iterate-over-slice", "{% for x in xs[:2] %}{{ x }};{% endfor %}\n", {"xs": ["a", "b", "c"]})


# ---------------------------------------------------------------------------------------------
# arithmetic, concatenation, comparison, membership, logic, conditional expressions
# ---------------------------------------------------------------------------------------------

case("arith/add-sub-int-float", "{{ 1 + 2 }} {{ 1 + 2.0 }} {{ 3 - 5 }} {{ 2.5 - 0.5 }} {{ a + b }}\n", {"a": 1, "b": 2.5})

case("arith/true-division-always-float", "{{ 4 / 2 }} {{ 7 / 2 }} {{ 1 / 3 }} {{ 10 / 4 * 2 }} {{ -6 / 3 }}\n")

case("arith/floor-division-negatives", "{{ 7 // 2 }} {{ -7 // 2 }} {{ 7 // -2 }} {{ 7.5 // 2 }} {{ -7 // 2.0 }} {{ 3 // 1.5 }}\n")

case("arith/modulo-takes-divisor-sign", "{{ 7 % 3 }} {{ -7 % 3 }} {{ 7 % -3 }} {{ -7 % -3 }} {{ 7.5 % 2 }} {{ -7.5 % 2 }}\n")

case("arith/power", "{{ 2 ** 10 }} {{ 2 ** -1 }} {{ 2.0 ** 3 }} {{ 4 ** 0.5 }} {{ 2 ** 0.5 }} {{ 0 ** 0 }}\n")

case("arith/power-is-left-associative", "{{ 2 ** 3 ** 2 }} {{ (2 ** 3) ** 2 }} {{ 2 ** (3 ** 2) }}\n")

case("arith/unary-minus-binds-tighter-than-power", "{{ -2 ** 2 }} {{ -(2 ** 2) }} {{ 0 - 2 ** 2 }}\n")

case("arith/unary-minus-binds-tighter-than-filter", "{{ -3|abs }} {{ -x|abs }} {{ -(x|abs) }}\n", {"x": 3})

case("arith/unary-operators", "{{ -x }} {{ +x }} {{ - -1 }} {{ -0.5 }} {{ -(1 + 2) }}\n", {"x": -2})

case("arith/precedence", "{{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ 10 - 2 - 3 }} {{ 2 * 3 % 4 }} {{ 8 / 2 / 2 }} {{ 1 + 2 ** 2 * 3 }}\n")

case("arith/string-and-list-repetition", "{{ 'ab' * 3 }} {{ 3 * 'ab' }} {{ [1] * 2 }} {{ '-' * 0 }}|\n")

case("arith/string-and-list-addition", "{{ 'a' + 'b' }} {{ [1] + [2, 3] }} {{ s + '!' }}\n", {"s": "hi"})

case("arith/booleans-are-ints", "{{ true + 1 }} {{ false * 5 }} {{ true + true }} {{ 1.5 + true }}\n")

case("arith/float-results", "{{ 0.1 + 0.2 }} {{ 0.07 * 100 }} {{ 1.1 * 3 }} {{ 3 * 0.1 }} {{ 100 * 1.1 }}\n")

case("arith/large-int-arithmetic", "{{ big * 2 }} {{ big // 3 }} {{ big % 10 }} {{ big - 1 }}\n", {"big": 9007199254740993})

case("arith/int-power-beyond-64-bits", "{{ 10 ** 20 }} {{ 2 ** 64 }}\n")

case("arith/int-float-mixed-data", "{{ n * price }} {{ (n * price)|round(2) }} {{ total / n }}\n", {"n": 3, "price": 19.99, "total": 10})

case("concat/tilde-with-numbers", "{{ 'a' ~ 1 ~ 2.5 }} {{ 1 ~ 2 }} {{ 'x' ~ 1.0 }} {{ 1e20 ~ '' }}\n")

case("concat/tilde-with-none-and-booleans", "{{ 'x' ~ none }} {{ 'x' ~ true ~ false }} {{ none ~ none }}\n")

case("concat/tilde-with-lists", "{{ 'a' ~ [1, 'b'] }} {{ {'k': 1} ~ '' }}\n")

case("concat/tilde-binds-looser-than-multiply", "{{ 'v' ~ 2 * 3 }} {{ 'n=' ~ (1 + 2) }} {{ 2 * 3 ~ 4 }}\n")

case("concat/tilde-in-set-and-filter", "{% set s = 'a' ~ b|upper ~ 'c' %}{{ s }} {{ ('x' ~ 'y')|upper }}\n", {"b": "b"})

case("compare/numbers", "{{ 1 < 2 }} {{ 2 <= 2 }} {{ 3 > 4 }} {{ 3 >= 3 }} {{ 1 == 1.0 }} {{ 1 != 2 }} {{ 0.1 + 0.2 == 0.3 }}\n")

case("compare/chained", "{{ 1 < 2 < 3 }} {{ 1 < 3 < 2 }} {{ 3 > 2 == 2 }} {{ 1 == 1 < 2 }} {{ 1 < x <= 10 }}\n", {"x": 10})

case("compare/strings-case-sensitive", "{{ 'a' < 'b' }} {{ 'B' < 'a' }} {{ 'abc' < 'abd' }} {{ 'ab' < 'abc' }} {{ 'a' == 'A' }}\n")

case("compare/mixed-types-equality", "{{ '1' == 1 }} {{ true == 1 }} {{ false == 0 }} {{ none == none }} {{ none == false }} {{ [1, 2] == [1, 2] }} {{ {'a': 1} == {'a': 1} }}\n")

case("compare/lists-lexicographic", "{{ [1, 2] < [1, 3] }} {{ [1, 2] < [1, 2, 0] }} {{ [2] > [1, 9] }}\n")

case("compare/data-values", "{{ a > b }} {{ a == 2.0 }} {{ s >= 'm' }}\n", {"a": 2, "b": 1.5, "s": "n"})

case("membership/in-list-string-dict", "{{ 2 in [1, 2] }} {{ 'b' in 'abc' }} {{ 'a' in {'a': 1} }} {{ 1 in {'a': 1} }} {{ '' in 'abc' }} {{ 1.0 in [1] }}\n")

case("membership/not-in", "{{ 'x' not in xs }} {{ 'a' not in xs }} {{ not 'a' in xs }} {{ 'k' not in d }}\n", {"d": {"k": 1}, "xs": ["a", "b"]})

case("membership/substring-in-data", "{% if 'error' in msg %}bad{% else %}ok{% endif %} {{ 'Err' in msg }}\n", {"msg": "an error occurred"})

case("logic/or-and-return-operands", "[{{ 0 or 'x' }}] [{{ '' and 1 }}] [{{ 1 and 2 }}] [{{ none or 0 }}] [{{ [] or 'empty' }}] [{{ 'a' or 'b' }}]\n")

case("logic/not", "{{ not 0 }} {{ not 'a' }} {{ not [] }} {{ not none }} {{ not not 1 }}\n")

case("logic/precedence", "{{ true or false and false }} {{ (true or false) and false }} {{ not true == false }} {{ not 1 + 1 }}\n")

case("logic/short-circuit-skips-undefined", "{{ false and missing }} {{ true or missing }} {% if x is defined and x %}yes{% else %}no{% endif %}\n")

case("logic/truthiness-of-values", """\
{% for v in values %}
{{ loop.index }}:{% if v %}T{% else %}F{% endif %}
{% endfor %}
""", {"values": [0, 1, 0.0, 0.5, "", "0", " ", [], [0], {}, {"a": 1}, None, False, True]})

case("condexpr/if-else", "{{ 'yes' if flag else 'no' }} {{ 'yes' if not flag else 'no' }}\n", {"flag": True})

case("condexpr/if-without-else-renders-empty", "[{{ 'yes' if flag }}] [{{ 'yes' if not flag }}]\n", {"flag": True})

case("condexpr/nested-and-in-filter-args", "{{ 'a' if n == 1 else 'b' if n == 2 else 'c' }} {{ xs|join(', ' if n else '-') }}\n", {"n": 2, "xs": [1, 2]})

case("condexpr/binds-loosest", "{{ 1 + 1 if true else 0 }} {{ 'x' ~ 'y' if false else 'z' }}\n")

case("condexpr/without-else-in-concat", "[{{ 'a' ~ ('b' if false) ~ 'c' }}]\n")


# ---------------------------------------------------------------------------------------------
# tests: `is` / `is not`
# ---------------------------------------------------------------------------------------------

case("tests/defined-and-undefined", "{{ x is defined }} {{ y is defined }} {{ y is undefined }} {{ x is undefined }}\n", {"x": 1})

case("tests/defined-on-null-value", "{{ n is defined }} {{ n is none }}\n", {"n": None})

case("tests/defined-on-missing-key", "{{ d.a is defined }} {{ d.b is defined }} {{ d['b'] is defined }} {{ xs[5] is defined }}\n",
     {"d": {"a": 1}, "xs": [1]})

case("tests/none", "{{ none is none }} {{ 0 is none }} {{ '' is none }} {{ x is none }} {{ x is not none }}\n", {"x": None})

case("tests/number", "{{ 1 is number }} {{ 1.5 is number }} {{ '1' is number }} {{ true is number }} {{ none is number }}\n")

case("tests/string", "{{ 'a' is string }} {{ '' is string }} {{ 1 is string }} {{ ['a'] is string }} {{ s is string }}\n", {"s": "x"})

case("tests/mapping", "{{ {} is mapping }} {{ [] is mapping }} {{ d is mapping }} {{ 'a' is mapping }}\n", {"d": {"k": 1}})

case("tests/iterable", "{{ [] is iterable }} {{ 'a' is iterable }} {{ {} is iterable }} {{ 1 is iterable }} {{ none is iterable }}\n")

case("tests/sequence", "{{ [] is sequence }} {{ 'a' is sequence }} {{ {} is sequence }} {{ 1 is sequence }} {{ (1, 2) is sequence }}\n")

case("tests/even-odd", "{{ 2 is even }} {{ 3 is even }} {{ 3 is odd }} {{ 0 is even }} {{ -1 is odd }} {{ -2 is even }}\n")

case("tests/divisibleby", "{{ 9 is divisibleby 3 }} {{ 10 is divisibleby(3) }} {{ 0 is divisibleby 5 }} {{ n is divisibleby(4) }}\n", {"n": 12})

case("tests/eq-and-ne", "{{ 1 is eq 1 }} {{ 1 is eq 2 }} {{ 'a' is eq('a') }} {{ 1 is ne 2 }} {{ 1 is ne(1) }}\n")

case("tests/gt-lt-ge-le", "{{ 3 is gt 2 }} {{ 3 is gt 5 }} {{ 2 is lt 3 }} {{ 2 is lt 2 }} {{ 2 is ge 2 }} {{ 2 is le 1 }}\n")

case("tests/sameas-singletons", "{{ none is sameas none }} {{ f is sameas false }} {{ 0 is sameas false }} {{ t is sameas true }} {{ 1 is sameas true }}\n",
     {"f": False, "t": True})

case("tests/boolean", "{{ true is boolean }} {{ false is boolean }} {{ 1 is boolean }} {{ 'true' is boolean }}\n")

case("tests/true-and-false", "{{ true is true }} {{ 1 is true }} {{ false is false }} {{ 0 is false }} {{ none is false }}\n")

case("tests/integer-and-float", "{{ 1 is integer }} {{ 1.0 is integer }} {{ 1.0 is float }} {{ 1 is float }} {{ true is integer }} {{ big is integer }} {{ f is float }}\n",
     {"big": 9007199254740993, "f": 2.0})

case("tests/lower-and-upper", "{{ 'abc' is lower }} {{ 'Abc' is lower }} {{ 'ABC' is upper }} {{ 'A1' is upper }} {{ '123' is upper }} {{ 'a b' is lower }}\n")

case("tests/in", "{{ 2 is in [1, 2] }} {{ 'z' is in 'abc' }} {{ 'k' is in d }} {{ 3 is not in [1, 2] }}\n", {"d": {"k": 1}})

case("tests/is-not", "{{ 3 is not even }} {{ x is not defined }} {{ 'a' is not string }} {{ none is not none }}\n")

case("tests/not-applies-to-whole-test", "{{ not x is defined }} {{ not 2 is even }}\n")

case("tests/is-binds-tighter-than-plus", "{{ 1 + 1 is even }} {{ (1 + 1) is even }}\n")

case("tests/in-if-conditions", """\
{% for v in values %}
{% if v is none %}none{% elif v is string %}str:{{ v }}{% elif v is mapping %}map{% elif v is iterable %}list{% elif v is float %}float:{{ v }}{% elif v is number %}num:{{ v }}{% endif %};
{% endfor %}
""", {"values": [None, "s", {"a": 1}, [1], 1.5, 2, True]})

case("tests/test-argument-from-variable", "{% for n in [3, 4, 6] %}{{ n is divisibleby(d) }} {% endfor %}{{ 5 is gt limit }}\n", {"d": 2, "limit": 4})


# ---------------------------------------------------------------------------------------------
# if / for
# ---------------------------------------------------------------------------------------------

case("if/elif-chain", """\
{% for n in [0, 1, 5, 50] %}
{% if n == 0 %}
zero
{% elif n < 2 %}
one
{% elif n < 10 %}
few
{% else %}
many
{% endif %}
{% endfor %}
""")

case("if/nested", """\
{% if a %}
{% if b %}
a and b
{% else %}
a only
{% endif %}
{% endif %}
""", {"a": True, "b": False})

case("if/data-driven-conditions", "{% if items and items|length > 1 %}several{% elif items %}one{% else %}none{% endif %}\n", {"items": ["x"]})

case("if/set-inside-if-is-visible-after", "{% if true %}{% set x = 'inner' %}{% endif %}{{ x }}\n")

case("if/false-branch-with-undefined-not-evaluated", "{% if false %}{{ missing }}{% else %}fine{% endif %}\n")

case("for/basic-list", "{% for x in xs %}[{{ x }}]{% endfor %}\n", {"xs": ["a", "b", "c"]})

case("for/else-on-empty", "{% for x in xs %}{{ x }}{% else %}empty{% endfor %}\n", {"xs": []})

case("for/else-not-run-when-items", "{% for x in xs %}{{ x }}{% else %}empty{% endfor %}\n", {"xs": [1]})

case("for/loop-counters", """\
{% for x in xs %}
{{ x }}: index={{ loop.index }} index0={{ loop.index0 }} revindex={{ loop.revindex }} revindex0={{ loop.revindex0 }} length={{ loop.length }}
{% endfor %}
""", {"xs": ["a", "b", "c"]})

case("for/loop-first-last", "{% for x in xs %}{% if loop.first %}<{% endif %}{{ x }}{% if loop.last %}>{% else %}, {% endif %}{% endfor %}\n", {"xs": [1, 2, 3]})

case("for/loop-first-last-single-item", "{% for x in xs %}{{ loop.first }} {{ loop.last }} {{ loop.length }}{% endfor %}\n", {"xs": ["only"]})

case("for/loop-previtem-nextitem", """\
{% for x in xs %}
{{ loop.previtem if loop.previtem is defined else '^' }} < {{ x }} > {{ loop.nextitem if loop.nextitem is defined else '$' }}
{% endfor %}
""", {"xs": [1, 2, 3]})

case("for/loop-cycle", "{% for x in xs %}{{ loop.cycle('odd', 'even') }}:{{ x }} {% endfor %}\n", {"xs": ["a", "b", "c", "d", "e"]})

case("for/tuple-unpacking-lists", "{% for a, b in pairs %}{{ a }}={{ b }};{% endfor %}\n", {"pairs": [["x", 1], ["y", 2]]})

case("for/tuple-unpacking-dict-items", "{% for k, v in d.items() %}{{ k }}:{{ v }} {% endfor %}\n", {"d": {"a": 1, "b": [2], "c": None}})

case("for/tuple-unpacking-with-parentheses", "{% for (a, b) in [[1, 2], [3, 4]] %}{{ a + b }} {% endfor %}\n")

case("for/over-dict-iterates-keys", "{% for k in d %}{{ k }}={{ d[k] }} {% endfor %}\n", {"d": {"a": 1, "b": 2}})

case("for/over-string-iterates-characters", "{% for c in s %}[{{ c }}]{% endfor %}\n", {"s": "héé"})

case("for/over-range", "{% for i in range(3) %}{{ i }}{% endfor %} {% for i in range(1, 4) %}{{ i }}{% endfor %} {% for i in range(10, 0, -3) %}{{ i }},{% endfor %} {% for i in range(0) %}x{% else %}none{% endfor %}\n")

case("for/inline-if-filter-counts-filtered-items", """\
{% for x in xs if x > 1 %}
{{ loop.index }}/{{ loop.length }} {{ x }}{% if loop.first %} first{% endif %}{% if loop.last %} last{% endif %}

{% endfor %}
""", {"xs": [1, 2, 3, 0, 5]})

case("for/inline-if-filter-all-rejected-runs-else", "{% for x in xs if x %}{{ x }}{% else %}nothing truthy{% endfor %}\n", {"xs": [0, None, "", []]})

case("for/inline-if-filter-with-test", "{% for r in rows if r.email is defined %}{{ r.name }} {% endfor %}\n",
     {"rows": [{"email": "a@x", "name": "a"}, {"name": "b"}, {"email": "c@x", "name": "c"}]})

case("for/nested-with-outer-loop", """\
{% for row in rows %}
{% set outer = loop %}
{% for cell in row %}
{{ outer.index }}.{{ loop.index }}={{ cell }}{% if outer.last and loop.last %} (end){% endif %}

{% endfor %}
{% endfor %}
""", {"rows": [["a", "b"], ["c"]]})

case("for/loop-variable-does-not-leak", "{% set x = 'outer' %}{% for x in [1, 2] %}{{ x }}{% endfor %} {{ x }}\n")

case("for/loop-variable-does-not-exist-after", "{% for item in [1, 2] %}{% endfor %}{{ item is defined }}\n")

case("for/iterate-list-of-objects", """\
{% for p in people %}
- {{ p.name }} ({{ p.age }}){% if p.tags %}: {{ p.tags|join(', ') }}{% endif %}

{% endfor %}
""", {"people": [{"age": 36, "name": "Ada", "tags": ["math", "code"]}, {"age": 41, "name": "Bob", "tags": []}]})

case("for/over-sorted-filtered-expression", "{% for x in xs|select('odd')|sort(reverse=true) %}{{ x }}{{ ',' if not loop.last }}{% endfor %}\n", {"xs": [5, 2, 9, 1, 4]})

case("for/loop-index-in-nested-without-outer", "{% for a in [1, 2] %}{% for b in [1, 2, 3] %}{{ loop.index }}{% endfor %}|{{ loop.index }} {% endfor %}\n")

# ---------------------------------------------------------------------------------------------
# set, scoping, namespace, with
# ---------------------------------------------------------------------------------------------

case("set/simple-and-expression", "{% set a = 2 %}{% set b = a * 3 + 1 %}{{ a }} {{ b }}\n")

case("set/tuple-assignment", "{% set a, b = 1, 2 %}{{ a }}{{ b }} {% set c, d = [3, 4] %}{{ c }}{{ d }} {% set e, f = pair %}{{ e }}-{{ f }}\n", {"pair": ["x", "y"]})

case("set/block-capture", "{% set x %}a {{ 1 + 1 }} b{% endset %}[{{ x }}] {{ x|length }}\n")

case("set/block-capture-multiline", """\
{% set body %}
line one
{% for i in [1, 2] %}
item {{ i }}
{% endfor %}
{% endset %}
<{{ body }}>
""")

case("set/overwrites-data-variable", "{{ x }} {% set x = x ~ '!' %}{{ x }}\n", {"x": "hi"})

case("set/list-and-dict-values", "{% set xs = [1, 2] %}{% set d = {'k': xs} %}{{ d.k[1] }} {{ d['k']|length }}\n")

case("scoping/set-in-for-does-not-leak", "{% set total = 0 %}{% for x in [1, 2, 3] %}{% set total = total + x %}{{ total }} {% endfor %}| {{ total }}\n")

case("scoping/set-in-for-restarts-each-iteration", "{% set seen = 'none' %}{% for x in ['a', 'b'] %}{{ seen }}->{% set seen = x %}{{ seen }} {% endfor %}| {{ seen }}\n")

case("scoping/new-variable-in-for-not-visible-after", "{% for x in [1] %}{% set inner = 5 %}{{ inner }}{% endfor %} {{ inner is defined }}\n")

case("scoping/set-in-macro-does-not-leak", "{% set v = 'outer' %}{% macro m() %}{% set v = 'inner' %}{{ v }}{% endmacro %}{{ m() }} {{ v }}\n")

case("scoping/macro-sees-top-level-vars-at-call-time", "{% set g = 1 %}{% macro m() %}{{ g }}{% endmacro %}{{ m() }}{% set g = 2 %}{{ m() }}\n")

case("scoping/macro-does-not-see-callers-loop-variable", "{% macro m() %}{{ g }}{% endmacro %}{% for g in ['loop'] %}{{ m() }}{% endfor %}\n", {"g": "global"})

case("namespace/running-total", "{% set ns = namespace(total=0) %}{% for x in xs %}{% set ns.total = ns.total + x %}{% endfor %}{{ ns.total }}\n", {"xs": [1, 2, 3.5]})

case("namespace/flag-found-in-loop", """\
{% set ns = namespace(found=false, first=none) %}
{% for x in xs %}
{% if x > 10 and not ns.found %}
{% set ns.found = true %}
{% set ns.first = x %}
{% endif %}
{% endfor %}
found={{ ns.found }} first={{ ns.first }}
""", {"xs": [3, 12, 40]})

case("namespace/multiple-attributes", "{% set ns = namespace(a=1, b='x') %}{% set ns.a = ns.a + 1 %}{% set ns.c = [ns.b] %}{{ ns.a }} {{ ns.b }} {{ ns.c }}\n")

case("namespace/accumulate-string", "{% set ns = namespace(s='') %}{% for w in words %}{% set ns.s = ns.s ~ w[0]|upper %}{% endfor %}{{ ns.s }}\n", {"words": ["portable", "network", "graphics"]})

case("namespace/count-in-nested-loops", """\
{% set ns = namespace(n=0) %}
{% for row in rows %}{% for c in row %}{% set ns.n = ns.n + 1 %}{% endfor %}{% endfor %}
cells: {{ ns.n }}
""", {"rows": [[1, 2], [3], []]})

case("with/basic-scope", "{% with a = 1 %}{{ a }}{% endwith %} {{ a is defined }}\n")

case("with/later-target-sees-outer-value", "{% with a = 1, b = a + 1 %}{{ a }} {{ b }}{% endwith %} {{ a }}\n", {"a": 10})

case("with/set-inside-does-not-leak", "{% set x = 'out' %}{% with y = 1 %}{% set x = 'in' %}{{ x }}{% endwith %} {{ x }}\n")

case("with/shadows-data", "{{ name }} {% with name = name|upper %}{{ name }}{% endwith %} {{ name }}\n", {"name": "ada"})

# ---------------------------------------------------------------------------------------------
# raw, filter blocks, comments in odd places
# ---------------------------------------------------------------------------------------------

case("raw/keeps-tags-verbatim", "{% raw %}{{ x }} {% if %} {# c #}{% endraw %}\n")

case("raw/with-minus-modifiers", "a {%- raw -%}  {{ x }}  {%- endraw -%} b\n")

case("raw/multiline-block", """\
before
{% raw %}
{% for x in xs %}
  {{ x }}
{% endfor %}
{% endraw %}
after
""")

case("filterblock/upper", "{% filter upper %}hello {{ name }}{% endfilter %}\n", {"name": "ada"})

case("filterblock/with-arguments", "{% filter truncate(10, true, '…', 0) %}the quick brown fox{% endfilter %}\n")

case("filterblock/chained-filters", "{% filter trim|title %}   the end of days   {% endfilter %}!\n")

case("filterblock/around-loop", """\
{% filter indent(2, true) %}
{% for x in xs %}
- {{ x }}
{% endfor %}
{% endfilter %}
""", {"xs": ["a", "b"]})


# ---------------------------------------------------------------------------------------------
# include
# ---------------------------------------------------------------------------------------------

case("include/basic", "head\n{% include 'part.md' %}\ntail\n", {"name": "Ada"},
     templates={"part.md": "hello {{ name }}\n"})

case("include/partial-without-trailing-newline", "[{% include 'part.md' %}]\n{% include 'part.md' %}\nnext\n",
     templates={"part.md": "P"})

case("include/sees-top-level-set", "{% set v = 'set-in-main' %}{% include 'part.md' %}\n", templates={"part.md": "v={{ v }}"})

case("include/with-context-explicit", "{% set v = 1 %}{% include 'part.md' with context %}\n", {"d": "data"},
     templates={"part.md": "v={{ v }} d={{ d }}"})

case("include/set-inside-partial-does-not-leak", "{% include 'part.md' %} {{ w is defined }}\n",
     templates={"part.md": "{% set w = 1 %}in:{{ w }}"})

case("include/ignore-missing", "a{% include 'nope.md' ignore missing %}b\n")

case("include/name-from-variable", "{% include which %}|{% include 'p' ~ n ~ '.md' %}\n", {"n": 2, "which": "p1.md"},
     templates={"p1.md": "one", "p2.md": "two"})

case("include/inside-loop-sees-loop-item", "{% for x in xs %}{% include 'item.md' %}{% endfor %}\n", {"xs": ["a", "b"]},
     templates={"item.md": "<{{ x }}>"})

case("include/loop-visible-when-body-uses-loop", "{% for x in xs %}{{ loop.index }}{% include 'item.md' %} {% endfor %}\n", {"xs": ["a", "b"]},
     templates={"item.md": "[{{ x }} #{{ loop.index }}/{{ loop.length }}]"})

case("include/loop-not-visible-when-body-does-not-use-loop", "{% for x in xs %}{% include 'item.md' %} {% endfor %}\n", {"xs": ["a", "b"]},
     templates={"item.md": "[{{ x }} {{ loop is defined }}]"})

case("include/nested-includes", "{% include 'a.md' %}\n", {"v": 1}, templates={"a.md": "a({% include 'b.md' %})", "b.md": "b{{ v }}"})

case("include/partial-defines-and-uses-macro", "{% include 'lib.md' %}\n", templates={"lib.md": "{% macro m(x) %}<{{ x }}>{% endmacro %}{{ m(1) }}{{ m(2) }}"})

case("include/partial-with-whitespace-control", """\
<ul>
  {% for x in xs %}
  {% include 'li.md' %}
  {% endfor %}
</ul>
""", {"xs": [1, 2]}, templates={"li.md": "<li>{{ x }}</li>\n"})

case("include/with-block-set-in-loop", "{% for x in xs %}{% set label %}#{{ x }}{% endset %}{% include 'p.md' %}{% endfor %}\n", {"xs": [1, 2]},
     templates={"p.md": "[{{ label }}]"})

# ---------------------------------------------------------------------------------------------
# extends / block / super
# ---------------------------------------------------------------------------------------------

BASE = """\
<header>{% block title %}Default title{% endblock %}</header>
{% block body %}
default body
{% endblock %}
<footer>{% block footer %}(c){% endblock %}</footer>
"""

case("extends/override-one-block", """\
{% extends 'base.md' %}
{% block title %}My page{% endblock %}
""", templates={"base.md": BASE})

case("extends/override-all-blocks", """\
{% extends 'base.md' %}
{% block title %}T{% endblock %}
{% block body %}
custom body
line 2
{% endblock %}
{% block footer %}F{% endblock %}
""", templates={"base.md": BASE})

case("extends/super-call", "{% extends 'base.md' %}{% block footer %}{{ super() }} 2024 — {{ super() }}{% endblock %}\n", templates={"base.md": BASE})

case("extends/text-before-extends-is-output", "Preamble line\n{% extends 'base.md' %}{% block title %}X{% endblock %}\n", templates={"base.md": BASE})

case("extends/text-outside-blocks-after-extends-dropped", """\
{% extends 'base.md' %}
this text is ignored
{{ 'and so is this' }}
{% block title %}kept{% endblock %}
""", templates={"base.md": BASE})

case("extends/top-level-set-visible-in-blocks", "{% extends 'base.md' %}{% set who = 'child' %}{% block title %}by {{ who }}{% endblock %}\n", templates={"base.md": BASE})

case("extends/top-level-set-in-child-visible-in-parent", "{% extends 'layout.md' %}{% set who = 'child' %}\n",
     templates={"layout.md": "who={{ who }}\n"})

case("extends/parent-top-level-set-visible-in-child-block", "{% extends 'layout.md' %}{% block b %}[{{ y }}]{% endblock %}\n",
     templates={"layout.md": "{% set y = 'from-parent' %}{% block b %}{% endblock %}\n"})

case("extends/nested-blocks-override-inner", "{% extends 'nest.md' %}{% block inner %}I2{% endblock %}\n",
     templates={"nest.md": "<{% block outer %}O[{% block inner %}I{% endblock %}]{% endblock %}>\n"})

case("extends/nested-blocks-override-outer-drops-inner", "{% extends 'nest.md' %}{% block outer %}new{% endblock %}{% block inner %}I2{% endblock %}\n",
     templates={"nest.md": "<{% block outer %}O[{% block inner %}I{% endblock %}]{% endblock %}>\n"})

case("extends/nested-blocks-super-keeps-inner-override", "{% extends 'nest.md' %}{% block outer %}new[{{ super() }}]{% endblock %}{% block inner %}I2{% endblock %}\n",
     templates={"nest.md": "<{% block outer %}O[{% block inner %}I{% endblock %}]{% endblock %}>\n"})

case("extends/three-levels-with-super", "{% extends 'mid.md' %}{% block t %}C({{ super() }}){% endblock %}\n",
     templates={"mid.md": "{% extends 'base.md' %}{% block t %}M({{ super() }}){% endblock %}",
                "base.md": "<{% block t %}B{% endblock %}|{% block u %}U{% endblock %}>\n"})

case("extends/three-levels-middle-only-overrides", "{% extends 'mid.md' %}{% block u %}child-u{% endblock %}\n",
     templates={"mid.md": "{% extends 'base.md' %}{% block t %}mid-t{% endblock %}{% block u %}mid-u{% endblock %}",
                "base.md": "<{% block t %}B{% endblock %}|{% block u %}U{% endblock %}>\n"})

case("extends/block-not-in-parent-ignored", "{% extends 'base.md' %}{% block nothere %}never{% endblock %}\n", templates={"base.md": BASE})

case("extends/parent-name-from-variable", "{% extends layout %}{% block title %}dyn{% endblock %}\n", {"layout": "base.md"}, templates={"base.md": BASE})

case("extends/blocks-without-extends-render-in-place", "a{% block x %}[{{ v }}]{% endblock %}b\n", {"v": 1})

case("extends/block-sees-data", "{% extends 'base.md' %}{% block body %}\n{% for i in items %}\n* {{ i }}\n{% endfor %}\n{% endblock %}\n",
     {"items": ["one", "two"]}, templates={"base.md": BASE})

case("extends/child-block-uses-macro-from-child", """\
{% extends 'base.md' %}
{% macro b(x) %}**{{ x }}**{% endmacro %}
{% block title %}{{ b('bold') }}{% endblock %}
""", templates={"base.md": BASE})

case("extends/include-inside-block", "{% extends 'base.md' %}{% block title %}{% include 'part.md' %}{% endblock %}\n", {"n": 3},
     templates={"base.md": BASE, "part.md": "part {{ n }}"})

case("extends/super-in-nested-block-and-whitespace", """\
{% extends 'page.md' %}
{% block content %}
{{ super() }}
child line
{% endblock %}
""", templates={"page.md": """\
# Title
{% block content %}
parent line
{% endblock %}
end
"""})

# ---------------------------------------------------------------------------------------------
# macros and call blocks
# ---------------------------------------------------------------------------------------------

case("macro/defaults-and-keywords", """\
{% macro greet(name, greeting='Hello', punct='!') %}{{ greeting }}, {{ name }}{{ punct }}{% endmacro %}
{{ greet('Ada') }}
{{ greet('Bob', 'Hi') }}
{{ greet('Cy', punct='?') }}
{{ greet(greeting='Yo', name='Di') }}
""")

case("macro/default-refers-to-earlier-argument", "{% macro m(a, b=a * 2) %}{{ a }},{{ b }}{% endmacro %}{{ m(3) }} {{ m(3, 1) }}\n")

case("macro/returns-string-usable-in-filters", "{% macro m(x) %}  {{ x }}  {% endmacro %}[{{ m('v')|trim|upper }}] {{ m('ab')|length }}\n")

case("macro/recursive", """\
{% macro tree(node, depth=0) %}
{{ '  ' * depth }}- {{ node.name }}
{% for c in node.children %}
{{ tree(c, depth + 1) }}{% endfor %}
{% endmacro %}
{{ tree(root) }}
""", {"root": {"children": [{"children": [{"children": [], "name": "leaf"}], "name": "a"}, {"children": [], "name": "b"}], "name": "root"}})

case("macro/calls-other-macro", "{% macro inner(x) %}({{ x }}){% endmacro %}{% macro outer(x) %}[{{ inner(x) }}]{% endmacro %}{{ outer(1) }}\n")

case("macro/assigned-result-with-set", "{% macro m(x) %}<{{ x }}>{% endmacro %}{% set r = m(5) %}{{ r }}{{ r }}\n")

case("macro/table-row", """\
{% macro row(cells) %}
| {{ cells|join(' | ') }} |
{% endmacro %}
{{ row(['a', 'b']) }}{{ row([1, 2.5]) }}
""")

case("macro/argument-shadows-global", "{% macro m(x) %}{{ x }}{% endmacro %}{{ m('arg') }} {{ x }}\n", {"x": "global"})

case("macro/none-default", "{% macro m(x=none) %}{{ 'none' if x is none else x }}{% endmacro %}{{ m() }} {{ m(0) }}\n")

case("macro/in-loop-with-loop-vars", "{% macro cell(v, i) %}{{ i }}:{{ v }}{% endmacro %}{% for v in xs %}{{ cell(v, loop.index) }} {% endfor %}\n", {"xs": ["a", "b"]})

case("call/basic-caller", "{% macro wrap(tag) %}<{{ tag }}>{{ caller() }}</{{ tag }}>{% endmacro %}{% call wrap('p') %}body {{ v }}{% endcall %}\n", {"v": 1})

case("call/caller-with-arguments", """\
{% macro each(items) %}
{% for i in items %}
{{ caller(i, loop.index) }}
{% endfor %}
{% endmacro %}
{% call(item, n) each(xs) %}
{{ n }}. {{ item|upper }}
{% endcall %}
""", {"xs": ["a", "b"]})

case("call/caller-called-twice", "{% macro twice() %}{{ caller() }}|{{ caller() }}{% endmacro %}{% call twice() %}x{% endcall %}\n")

case("call/caller-sees-outer-variables", "{% set who = 'outer' %}{% macro m() %}{% set who = 'macro' %}{{ caller() }}{% endmacro %}{% call m() %}{{ who }}{% endcall %}\n")

case("call/caller-arg-with-default", "{% macro m() %}{{ caller() }}/{{ caller('given') }}{% endmacro %}{% call(x='dflt') m() %}{{ x }}{% endcall %}\n")

case("call/caller-output-through-filter", "{% macro m() %}{{ caller()|trim|upper }}{% endmacro %}{% call m() %}\n  shout\n{% endcall %}\n")


# ---------------------------------------------------------------------------------------------
# dictionary methods and globals (range, dict, namespace)
# ---------------------------------------------------------------------------------------------

case("dictmethods/get-with-and-without-default", "{{ d.get('a') }} {{ d.get('z') }} {{ d.get('z', 0) }} {{ d.get('a', 0) }} {{ d.get('n', 'dflt') }}\n",
     {"d": {"a": 1, "n": None}})

case("dictmethods/keys-values-items", "{{ d.keys()|list }} {{ d.values()|list }} {{ d.items()|list }}\n", {"d": {"a": 1, "b": [2]}})

case("dictmethods/items-in-for", "{% for k, v in d.items() %}{{ k }}={{ v }}{{ '&' if not loop.last }}{% endfor %}\n", {"d": {"x": 1, "y": "two"}})

case("dictmethods/keys-sorted-and-joined", "{{ d.keys()|sort|join(',') }} {{ d.values()|sum }} {{ d.keys()|length }}\n", {"d": {"b": 2, "a": 1, "c": 3}})

case("dictmethods/get-on-nested-and-literal", "{{ d.get('inner').get('k') }} {{ {'x': 1}.get('x') }} {{ {'x': 1}.get('y', 'none') }}\n", {"d": {"inner": {"k": "v"}}})

case("dictmethods/membership-via-keys", "{{ 'a' in d.keys() }} {{ 1 in d.values() }} {{ 'z' in d }}\n", {"d": {"a": 1}})

case("globals/range-one-two-three-args", "{{ range(4)|list }} {{ range(2, 5)|list }} {{ range(0, 10, 3)|list }} {{ range(5, 0, -2)|list }} {{ range(3, 1)|list }}\n")

case("globals/range-in-expressions", "{{ range(5)|sum }} {{ range(3)|length }} {{ range(1, 4)|join('-') }} {{ 2 in range(3) }}\n")

case("globals/dict-constructor", "{{ dict(a=1, b='x') }} {{ dict(a=1).a }} {% set d = dict(k=[1, 2]) %}{{ d.k|length }}\n")

case("globals/namespace-attribute-print", "{% set ns = namespace(a=1, b='x') %}{{ ns.a }}{{ ns.b }}\n")

# ---------------------------------------------------------------------------------------------
# filters: every filter of the subset, with positional and keyword arguments
# ---------------------------------------------------------------------------------------------

case("filters/abs", "{{ -3|abs }} {{ (-3.5)|abs }} {{ x|abs }} {{ 4|abs }} {{ y|abs }}\n", {"x": -0.0, "y": -7})

case("filters/attr-on-json-object-is-undefined", "{{ d|attr('a') is defined }} {{ d.a }}\n", {"d": {"a": 1}})

case("filters/batch", "{{ xs|batch(2)|list }} {{ xs|batch(2, 'x')|list }} {{ xs|batch(5)|list }} {{ []|batch(3)|list }}\n", {"xs": [1, 2, 3, 4, 5]})

case("filters/batch-table-rows", """\
{% for row in xs|batch(3, '-') %}
| {{ row|join(' | ') }} |
{% endfor %}
""", {"xs": ["a", "b", "c", "d"]})

case("filters/capitalize", "{{ 'hello world'|capitalize }} {{ 'hELLO wORLD'|capitalize }} {{ ''|capitalize }}|{{ '1st'|capitalize }}\n")

case("filters/center", "[{{ 'ab'|center(5) }}] [{{ 'abc'|center(6) }}] [{{ 'x'|center(4) }}] [{{ 'toolong'|center(3) }}] [{{ 'a'|center(width=3) }}]\n")

case("filters/center-default-width", "[{{ 'x'|center }}]\n")

case("filters/count-and-length", "{{ 'hello'|length }} {{ xs|length }} {{ d|length }} {{ xs|count }} {{ ''|length }} {{ 'é'|count }}\n",
     {"d": {"a": 1, "b": 2}, "xs": [1, 2, 3]})

case("filters/default-on-undefined", "{{ missing|default('dflt') }} {{ missing|d('short') }} {{ missing|default }}|\n")

case("filters/default-on-falsy-values", "[{{ ''|default('d') }}] [{{ none|default('d') }}] [{{ 0|default('d') }}] [{{ false|default('d') }}]\n")

case("filters/default-boolean-true", "[{{ ''|default('d', true) }}] [{{ none|d('d', true) }}] [{{ 0|default(5, boolean=true) }}] [{{ []|default('empty', true) }}] [{{ 'x'|default('d', true) }}]\n")

case("filters/default-on-missing-attribute", "{{ user.nick|default(user.name) }} {{ user['x']|default('nox') }}\n", {"user": {"name": "Ada"}})

case("filters/default-chained-with-other-filters", "{{ missing|default('abc')|upper }} {{ (missing|default(2)) * 3 }}\n")

case("filters/dictsort-by-key-case-insensitive", "{{ d|dictsort }}\n", {"d": {"b": 1, "A": 3, "a": 2, "C": 0}})

case("filters/dictsort-case-sensitive", "{{ d|dictsort(true) }} {{ d|dictsort(case_sensitive=true) }}\n", {"d": {"b": 1, "A": 3, "a": 2, "C": 0}})

case("filters/dictsort-by-value-and-reverse", "{{ d|dictsort(by='value') }} {{ d|dictsort(reverse=true) }} {{ d|dictsort(false, 'value', true) }}\n",
     {"d": {"b": 1, "A": 3, "a": 2, "C": 0}})

case("filters/dictsort-in-for", "{% for k, v in d|dictsort %}{{ k }}: {{ v }}\n{% endfor %}", {"d": {"zeta": 1, "Alpha": 2, "beta": 3}})

case("filters/escape-in-markdown-template", "{{ s|escape }} {{ s|e }} {{ 1|e }} {{ s|e|length }}\n", {"s": "<a href=\"x\">&amp; it's</a>"})

case("filters/first-and-last", "{{ xs|first }} {{ xs|last }} {{ 'abc'|first }} {{ 'abc'|last }} {{ []|first is undefined }} {{ rows|first|attr('x') is defined }}\n",
     {"rows": [{"x": 1}], "xs": [1, 2, 3]})

case("filters/float", "{{ '3.5'|float }} {{ 'x'|float }} {{ 'x'|float(1.5) }} {{ 3|float }} {{ '1e3'|float }} {{ true|float }} {{ ' 2 '|float }} {{ '-0'|float }} {{ none|float(default=9) }}\n")

case("filters/float-special-strings", "{{ 'inf'|float }} {{ '-inf'|float }} {{ 'nan'|float }} {{ 'Infinity'|float }}\n")

case("filters/forceescape-in-markdown", "{{ '<b>'|forceescape }} {{ '<b>'|safe|forceescape }} {{ '&amp;'|forceescape }}\n")

case("filters/groupby-attribute", """\
{% for g in xs|groupby('city') %}
{{ g.grouper }}: {{ g.list|map(attribute='n')|join(',') }}
{% endfor %}
""", {"xs": [{"city": "Oslo", "n": 1}, {"city": "Bergen", "n": 2}, {"city": "Oslo", "n": 3}]})

case("filters/groupby-tuple-unpacking", "{% for city, items in xs|groupby('city') %}{{ city }}={{ items|length }} {% endfor %}\n",
     {"xs": [{"city": "Oslo", "n": 1}, {"city": "Bergen", "n": 2}, {"city": "Oslo", "n": 3}]})

case("filters/groupby-case-insensitive-keeps-first-spelling", "{% for g in xs|groupby('city') %}{{ g.grouper }}:{{ g.list|map(attribute='n')|join(',') }} {% endfor %}\n",
     {"xs": [{"city": "b", "n": 1}, {"city": "A", "n": 2}, {"city": "a", "n": 3}, {"city": "B", "n": 4}]})

case("filters/groupby-case-sensitive", "{% for k, items in xs|groupby('city', case_sensitive=true) %}{{ k }}:{{ items|length }} {% endfor %}\n",
     {"xs": [{"city": "b", "n": 1}, {"city": "A", "n": 2}, {"city": "a", "n": 3}, {"city": "B", "n": 4}]})

case("filters/groupby-default-for-missing", "{% for k, items in xs|groupby('city', default='(none)') %}{{ k }}:{{ items|map(attribute='n')|join(',') }} {% endfor %}\n",
     {"xs": [{"city": "b", "n": 1}, {"n": 2}, {"city": "a", "n": 3}]})

case("filters/groupby-dotted-attribute-and-index", "{% for k, items in xs|groupby('a.b') %}{{ k }}:{{ items|length }} {% endfor %}| {% for k, items in ps|groupby(0) %}{{ k }}:{{ items|map('last')|join }} {% endfor %}\n",
     {"ps": [[1, "a"], [2, "b"], [1, "c"]], "xs": [{"a": {"b": 2}}, {"a": {"b": 1}}, {"a": {"b": 2}}]})

case("filters/groupby-printed-as-tuples", "{{ xs|groupby('k') }}\n", {"xs": [{"k": "b", "v": 1}, {"k": "a", "v": 2}]})

case("filters/groupby-numeric-keys-sorted", "{% for k, items in xs|groupby('year') %}{{ k }}({{ items|length }}) {% endfor %}\n",
     {"xs": [{"year": 2021}, {"year": 2019}, {"year": 2021}, {"year": 2020}]})

case("filters/indent-default", "[{{ text|indent }}]\n", {"text": "a\nb\n\nc"})

case("filters/indent-width-first-blank", "[{{ text|indent(2, true) }}]\n[{{ text|indent(2, first=true, blank=true) }}]\n[{{ text|indent(width=3, blank=true) }}]\n", {"text": "a\nb\n\nc"})

case("filters/indent-string-width-and-trailing-newline", "[{{ 'a\nb'|indent('>> ') }}] [{{ 'a\nb\n'|indent(2) }}]\n")

case("filters/indent-in-yaml-like-output", """\
root:
  child: {{ body|indent(2) }}
""", {"body": "line1\nline2\nline3"})

case("filters/int", "{{ ' 42 '|int }} {{ '-3'|int }} {{ 2.999|int }} {{ -2.5|int }} {{ none|int }} {{ true|int }} {{ 'abc'|int }} {{ ''|int }}\n")

case("filters/int-from-float-string", "{{ '3.7'|int }} {{ '-3.7'|int }} {{ '1e3'|int }} {{ '3.7'|int(5) }}\n")

case("filters/int-default-and-base", "{{ 'x'|int(7) }} {{ 'x'|int(default=-1) }} {{ 'ff'|int(base=16) }} {{ '0x1A'|int(0, 16) }} {{ '0b101'|int(0, 0) }} {{ '777'|int(base=8) }} {{ '12'|int(0, 3) }}\n")

case("filters/int-underscore-separators", "{{ '1_000'|int }} {{ '4_2'|int }}\n")

case("filters/items-filter", "{% for k, v in d|items %}{{ k }}={{ v }} {% endfor %}{{ d|items|list }}\n", {"d": {"a": 1, "b": 2}})

case("filters/items-on-undefined-is-empty", "[{% for k, v in missing|items %}{{ k }}{% endfor %}]\n")

case("filters/join", "{{ xs|join }} {{ xs|join(', ') }} {{ [1, 2.5, none, true]|join('-') }} {{ 'abc'|join('.') }} {{ []|join(',') }}|\n", {"xs": ["a", "b"]})

case("filters/join-attribute", "{{ rs|join(', ', attribute='n') }} {{ rs|join(attribute='n') }} {{ rs|join(' / ', 'n') }}|{{ rs|join(d=';', attribute='n') }}\n",
     {"rs": [{"n": 1}, {"n": "two"}]})

case("filters/join-nested-attribute", "{{ rs|join(', ', attribute='who.name') }}\n", {"rs": [{"who": {"name": "A"}}, {"who": {"name": "B"}}]})

case("filters/list", "{{ 'ab'|list }} {{ d|list }} {{ (1, 2)|list }} {{ range(2)|list }} {{ xs|list }}\n", {"d": {"a": 1, "b": 2}, "xs": [1]})

case("filters/lower-upper", "{{ 'MiXed'|lower }} {{ 'MiXed'|upper }} {{ 123|upper }} {{ 'straße'|upper }} {{ 'ÉCOLE'|lower }}\n")

case("filters/map-filter-name", "{{ xs|map('upper')|list }} {{ ['3', '4']|map('int')|sum }} {{ [-1, 2]|map('abs')|join(',') }}\n", {"xs": ["a", "b"]})

case("filters/map-filter-with-args", "{{ xs|map('replace', 'a', 'x')|join }} {{ fs|map('round', 1)|list }} {{ xs|map('center', 3)|join('|') }} {{ fs|map('round', method='ceil')|list }}\n",
     {"fs": [1.25, 2.75], "xs": ["ab", "ba"]})

case("filters/map-attribute", "{{ rs|map(attribute='n')|list }} {{ rs|map(attribute='m', default=0)|list }} {{ rs|map(attribute='p.q')|list }}\n",
     {"rs": [{"n": 1, "p": {"q": "x"}}, {"m": 5, "n": 2, "p": {"q": "y"}}]})

case("filters/map-missing-attribute-prints-undefined-in-list", "{{ rs|map(attribute='m')|list }}\n", {"rs": [{"n": 1}]})

case("filters/max-min", "{{ xs|max }} {{ xs|min }} {{ ws|max }} {{ ws|min }} {{ fs|max }} {{ fs|min }}\n",
     {"fs": [1, 2.5, -0.5], "ws": ["b", "C", "a"], "xs": [3, 1, 2]})

case("filters/max-min-case-sensitive", "{{ ws|max(case_sensitive=true) }} {{ ws|min(case_sensitive=true) }} {{ ws|max }} {{ ws|min }}\n", {"ws": ["b", "C", "a", "B"]})

case("filters/max-min-attribute", "{{ (rs|max(attribute='n')).k }} {{ (rs|min(attribute='n')).k }} {{ rs|max(attribute='n') }}\n",
     {"rs": [{"k": "x", "n": 1}, {"k": "y", "n": 3}, {"k": "z", "n": 3}]})

case("filters/min-of-empty-is-undefined", "{{ []|min is undefined }} {{ []|max|default('none') }}\n")

case("filters/pprint-simple-values", "{{ xs|pprint }} {{ 'a'|pprint }} {{ none|pprint }} {{ 1.5|pprint }} {{ 3|pprint }} {{ true|pprint }}\n", {"xs": [1, "a", None]})

case("filters/pprint-sorts-dict-keys", "{{ {'b': 1, 'a': [1, 2]}|pprint }} {{ {'b': 1, 'a': 2} }}\n")

case("filters/reject-and-select", "{{ xs|select('odd')|list }} {{ xs|reject('odd')|list }} {{ xs|select('even')|first }}\n", {"xs": [1, 2, 3, 4]})

case("filters/select-with-test-arguments", "{{ xs|select('gt', 2)|list }} {{ xs|select('divisibleby', 2)|list }} {{ xs|select('in', [1, 4])|list }} {{ xs|reject('lt', 3)|list }} {{ xs|select('==', 2)|list }}\n",
     {"xs": [1, 2, 3, 4]})

case("filters/select-without-test-is-truthiness", "{{ ys|select|list }} {{ ys|reject|list }}\n", {"ys": [0, 1, "", "a", None, [], [0]]})

case("filters/select-by-type-tests", "{{ vs|select('string')|list }} {{ vs|select('number')|list }} {{ vs|reject('none')|list|length }} {{ vs|select('mapping')|list }}\n",
     {"vs": ["a", 1, 2.5, None, {"k": 1}, True]})

case("filters/selectattr-rejectattr", "{{ rs|selectattr('on')|map(attribute='n')|list }} {{ rs|rejectattr('on')|map(attribute='n')|list }}\n",
     {"rs": [{"n": 1, "on": True}, {"n": 2, "on": False}, {"n": 3, "on": True}]})

case("filters/selectattr-with-test-and-argument", "{{ rs|selectattr('n', 'gt', 1)|map(attribute='n')|list }} {{ rs|selectattr('n', 'eq', 2)|list }} {{ rs|rejectattr('n', 'odd')|map(attribute='n')|join }}\n",
     {"rs": [{"n": 1}, {"n": 2}, {"n": 3}]})

case("filters/selectattr-defined-and-none", "{{ rs|selectattr('email', 'defined')|map(attribute='n')|list }} {{ rs|rejectattr('email', 'defined')|map(attribute='n')|list }} {{ rs|selectattr('email', 'defined')|rejectattr('email', 'none')|map(attribute='n')|list }}\n",
     {"rs": [{"email": "a@x", "n": 1}, {"n": 2}, {"email": None, "n": 3}]})

case("filters/selectattr-string-tests", "{{ rs|selectattr('name', 'lower')|map(attribute='name')|list }} {{ rs|selectattr('name', 'in', ['Bob', 'cy'])|map(attribute='name')|list }}\n",
     {"rs": [{"name": "ada"}, {"name": "Bob"}, {"name": "cy"}]})

case("filters/selectattr-nested-attribute", "{{ rs|selectattr('meta.ok')|map(attribute='id')|join(',') }}\n",
     {"rs": [{"id": 1, "meta": {"ok": True}}, {"id": 2, "meta": {"ok": False}}, {"id": 3, "meta": {"ok": 1}}]})

case("filters/slice", "{{ xs|slice(3)|list }} {{ [1, 2, 3, 4]|slice(3, 0)|list }} {{ xs|slice(2)|list }} {{ [1]|slice(3)|list }}\n", {"xs": [1, 2, 3, 4, 5]})

case("filters/slice-columns", """\
{% for col in xs|slice(2) %}
col{{ loop.index }}: {{ col|join(' ') }}
{% endfor %}
""", {"xs": ["a", "b", "c", "d", "e"]})

case("filters/sort-case-insensitive-stable", "{{ ws|sort }} {{ ws|sort(case_sensitive=true) }}\n", {"ws": ["b", "C", "a", "B", "A"]})

case("filters/sort-reverse-keeps-ties-in-order", "{{ ws|sort(reverse=true) }} {{ ws|sort(true) }} {{ ws|sort(true, true) }}\n", {"ws": ["b", "C", "a", "B", "A"]})

case("filters/sort-numbers", "{{ xs|sort }} {{ xs|sort(reverse=true) }}\n", {"xs": [3, 1.5, 2, -1, 0.0]})

case("filters/sort-attribute", "{{ rs|sort(attribute='n')|map(attribute='k')|join }} {{ rs|sort(attribute='n', reverse=true)|map(attribute='k')|join }}\n",
     {"rs": [{"k": "z", "n": 2}, {"k": "y", "n": 1}, {"k": "x", "n": 2}, {"k": "w", "n": 1}]})

case("filters/sort-multiple-attributes", "{{ rs|sort(attribute='n,k')|map(attribute='k')|join }} {{ rs|sort(attribute='n,k', reverse=true)|map(attribute='k')|join }} {{ rs|sort(attribute='k,n')|map(attribute='n')|join }}\n",
     {"rs": [{"k": "z", "n": 2}, {"k": "y", "n": 1}, {"k": "x", "n": 2}, {"k": "w", "n": 1}]})

case("filters/sort-attribute-string-case", "{{ rs|sort(attribute='name')|map(attribute='name')|join(',') }} {{ rs|sort(attribute='name', case_sensitive=true)|map(attribute='name')|join(',') }}\n",
     {"rs": [{"name": "bob"}, {"name": "Alice"}, {"name": "alice"}, {"name": "Bob"}]})

case("filters/sort-dotted-attribute-and-index", "{{ rs|sort(attribute='a.b')|map(attribute='id')|join }} {{ ps|sort(attribute='1')|map('first')|join }}\n",
     {"ps": [["x", 3], ["y", 1], ["z", 2]], "rs": [{"a": {"b": 3}, "id": 1}, {"a": {"b": 1}, "id": 2}, {"a": {"b": 2}, "id": 3}]})

case("filters/string", "{{ none|string }} {{ 1.0|string }} {{ [1, 'a']|string }} {{ 12|string|length }} {{ true|string ~ '!' }}\n")

case("filters/striptags", "[{{ s|striptags }}]\n", {"s": "<p>Hello  <b>World</b>&amp; &lt;3 &#39;q&#39;</p>\n<br/>next"})

case("filters/striptags-comments-and-entities", "[{{ s|striptags }}]\n", {"s": "<!-- c -->a<script>x</script>b  &nbsp;c &copy; &unknown; &#x41;"})

case("filters/sum", "{{ xs|sum }} {{ xs|sum(start=10) }} {{ [0.1, 0.2]|sum }} {{ []|sum }} {{ [[1], [2]]|sum(start=[]) }}\n", {"xs": [1, 2, 3]})

case("filters/sum-attribute", "{{ rs|sum(attribute='n') }} {{ rs|sum(attribute='n', start=0.5) }} {{ rs|sum('n') }}\n", {"rs": [{"n": 1.5}, {"n": 2}]})

case("filters/title", "{{ 'hello world'|title }} {{ 'hELLO wORLD'|title }} {{ s|title }}\n", {"s": "o'neil data-center 3rd x_y (paren) [sq] {br} <ang>"})

case("filters/tojson-sorts-keys", "{{ d|tojson }} {{ {'b': 1, 'a': 2}|tojson }}\n", {"d": {"b": [1, {"y": 1, "x": 2}], "a": "x"}})

case("filters/tojson-escapes-html-characters", "{{ s|tojson }}\n", {"s": "<a href='x'>&</a>"})

case("filters/tojson-non-ascii", "{{ s|tojson }} {{ ['日本']|tojson }}\n", {"s": "é🙂"})

case("filters/tojson-scalars", "{{ [1, 2.5, none, true, false, 'x', 1.0, -0.0]|tojson }} {{ 'a\"b\\\\c\nd'|tojson }}\n")

case("filters/tojson-indent", "{{ d|tojson(indent=2) }}\n{{ [1, [2]]|tojson(4) }}\n{{ {}|tojson(indent=2) }} {{ []|tojson(2) }}\n", {"d": {"a": "x", "b": [1, {"c": None}]}})

case("filters/trim", "[{{ '  x  '|trim }}] [{{ 'xxhixx'|trim('x') }}] [{{ s|trim }}] [{{ '-=a=-'|trim('=-') }}] [{{ '  x '|trim(chars=' x') }}]\n", {"s": "\n\t x \n"})

case("filters/truncate-default-leeway", "{{ s|truncate(9) }}|{{ s|truncate(20) }}|{{ s|truncate(21) }}|{{ s|truncate(19) }}\n", {"s": "The quick brown fox jumps"})

case("filters/truncate-leeway-boundaries", "{{ 'abcdefghij'|truncate(5) }}|{{ 'abcdefghijk'|truncate(5) }}|{{ 'abcdefghijk'|truncate(6) }}|{{ 'abcdefghijk'|truncate(5, leeway=6) }}|{{ 'abcdef'|truncate(5, leeway=0) }}|{{ 'abcde'|truncate(5, leeway=0) }}\n")

case("filters/truncate-killwords-and-end", "{{ s|truncate(9, true) }}|{{ s|truncate(9, end='…') }}|{{ s|truncate(9, false, '', 0) }}|{{ s|truncate(10, leeway=0) }}|{{ s|truncate(12, killwords=true, end=' [more]', leeway=0) }}\n",
     {"s": "The quick brown fox jumps"})

case("filters/truncate-single-long-word-cut-anyway", "{{ 'helloworld foo'|truncate(8, false, '...', 0) }}|{{ 'hello world'|truncate(3, leeway=0) }}|{{ 'a b c d e f g'|truncate(7, leeway=0) }}\n")

case("filters/truncate-default-length-255", "{{ (s|truncate)|length }} {{ (s|truncate) == s }}\n", {"s": "word " * 60})

case("filters/unique", "{{ xs|unique|list }} {{ xs|unique(case_sensitive=true)|list }} {{ [3, 1, 3, 2, 1]|unique|list }}\n", {"xs": ["a", "A", "b", "a", "B"]})

case("filters/unique-attribute", "{{ rs|unique(attribute='n')|map(attribute='k')|list }} {{ rs|unique(attribute='c')|map(attribute='k')|join }}\n",
     {"rs": [{"c": "X", "k": "x", "n": 1}, {"c": "x", "k": "y", "n": 1}, {"c": "Y", "k": "z", "n": 2}]})

case("filters/urlencode-string", "{{ 'a b/c?d=é&x'|urlencode }} {{ 5|urlencode }} {{ 'safe-_.~'|urlencode }} {{ '日本'|urlencode }}\n")

case("filters/urlencode-dict-and-pairs", "{{ d|urlencode }} {{ [['a', '1 2'], ['b/c', 'é']]|urlencode }}\n", {"d": {"n": 1, "q": "a b/c"}})

case("filters/wordcount", "{{ s|wordcount }} {{ ''|wordcount }} {{ '日本 語'|wordcount }} {{ 'one'|wordcount }}\n", {"s": "hello world, it's  a-b  test!"})

case("filters/wordwrap-width-and-wrapstring", "{{ s|wordwrap(10) }}|{{ s|wordwrap(10, wrapstring='<br>') }}\n", {"s": "The quick brown fox jumps"})

case("filters/wordwrap-long-words", "{{ 'abcdefghijklmnop qr'|wordwrap(5) }}|{{ 'abcdefghijklmnop qr'|wordwrap(5, false) }}|{{ 'abcdefghijklmnop qr'|wordwrap(5, break_long_words=false) }}\n")

case("filters/wordwrap-hyphens", "{{ 'data-center well-known'|wordwrap(8) }}|{{ 'data-center well-known'|wordwrap(8, break_on_hyphens=false) }}\n")

case("filters/wordwrap-paragraphs-and-spaces", "{{ 'a\n\nb c d e f'|wordwrap(3) }}|{{ '  lead  spaces  '|wordwrap(6) }}|{{ 'short'|wordwrap(79) }}\n")

case("filters/wordwrap-default-width-79", "{{ s|wordwrap }}\n", {"s": "lorem ipsum " * 10})

case("filters/replace", "{{ 'aaa'|replace('a', 'b') }} {{ 'aaa'|replace('a', 'b', 2) }} {{ 'aaa'|replace('a', 'b', count=1) }} {{ 'abc'|replace('', '-') }} {{ 123|replace('2', 'x') }} {{ 'x'|replace('y', 'z') }}\n")

case("filters/reverse", "{{ 'abc'|reverse }} {{ [1, 2, 3]|reverse|list }} {{ 'é日'|reverse }} {{ xs|reverse|join(',') }}\n", {"xs": [1, 2]})

case("filters/round-half-even", "{{ 2.5|round }} {{ 3.5|round }} {{ -2.5|round }} {{ 0.5|round }} {{ 1.5|round }} {{ 2.675|round(2) }} {{ 0.125|round(2) }} {{ 1.005|round(2) }}\n")

case("filters/round-ints-stay-ints", "{{ 7|round }} {{ 7|round(2) }} {{ 1234|round(-2) }} {{ 15|round(-1) }} {{ 25|round(-1) }} {{ 7|round(0, 'floor') }} {{ 1234|round(-2, 'floor') }}\n")

case("filters/round-floor-ceil", "{{ 2.7|round(0, 'floor') }} {{ 2.1|round(0, 'ceil') }} {{ -1.5|round(0, 'ceil') }} {{ 1.23456|round(3, 'floor') }} {{ -1.23456|round(2, 'floor') }} {{ 1.001|round(1, 'ceil') }} {{ 2.5|round(method='common') }}\n")

case("filters/round-negative-zero-and-precision", "{{ -0.4|round }} {{ -0.0|round }} {{ 1234.5678|round(-2) }} {{ 1234.5678|round(1) }} {{ 0.1|round(5) }} {{ x|round(2) }}\n", {"x": 33.333333})

case("filters/safe-in-markdown-is-noop", "{{ '<b>'|safe }} {{ '<b>'|safe|length }}\n")


# ---------------------------------------------------------------------------------------------
# autoescape: on for templates whose name ends in ".html", decided per template
# ---------------------------------------------------------------------------------------------

HTML = "main.html"

case("autoescape/variable-escaped-in-html", "<p>{{ s }}</p>\n", {"s": "<b>\"Tom\" & 'Jerry'</b>"}, entry=HTML)

case("autoescape/variable-not-escaped-in-markdown", "<p>{{ s }}</p>\n", {"s": "<b>\"Tom\" & 'Jerry'</b>"})

case("autoescape/literal-string-escaped", "{{ '<b>' }} {{ \"a & b\" }} <i>template text is not escaped</i>\n", entry=HTML)

case("autoescape/safe-filter", "{{ s|safe }} {{ s }}\n", {"s": "<b>bold</b>"}, entry=HTML)

case("autoescape/escape-filter-no-double-escape", "{{ s|e }} {{ s|e|e }} {{ s|escape|safe }}\n", {"s": "<a&b>"}, entry=HTML)

case("autoescape/forceescape", "{{ s|forceescape }} {{ s|safe|forceescape }} {{ s|e|forceescape }}\n", {"s": "<a&b>"}, entry=HTML)

case("autoescape/tilde-safe-and-unsafe-variables", "{{ x|safe ~ y }} {{ x ~ y|safe }} {{ x ~ y }} {{ x|safe ~ y|safe }}\n", {"x": "<i>", "y": "<b>"}, entry=HTML)

case("autoescape/tilde-in-markdown-plain-join", "{{ x|safe ~ y }} {{ x ~ y|safe }}\n", {"x": "<i>", "y": "<b>"})

case("autoescape/plus-markup-and-str-escapes-even-in-markdown", "{{ x|safe + y }} {{ x + y|safe }} {{ x + y }}\n", {"x": "<i>", "y": "<b>"})

case("autoescape/plus-markup-and-str-in-html", "{{ x|safe + y }} {{ x + y|safe }} {{ x + y }}\n", {"x": "<i>", "y": "<b>"}, entry=HTML)

case("autoescape/quirk-constant-concat-of-safe-literal-is-escaped", "{{ '<b>'|safe ~ '<i>' }} {{ '<b>'|safe }} {{ '<b>'|safe + '<i>' }}\n", entry=HTML)

case("autoescape/macro-output-is-markup", "{% macro m(v) %}<b>{{ v }}</b>{% endmacro %}{{ m('<x>') }} {{ m('<x>')|e }} {{ m('&')|upper }}\n", entry=HTML)

case("autoescape/macro-output-in-markdown-escaped-by-e", "{% macro m(v) %}<b>{{ v }}</b>{% endmacro %}{{ m('<x>') }} {{ m('<x>')|e }}\n")

case("autoescape/block-set-is-markup", "{% set x %}<b>{{ '<i>' }}</b>{% endset %}{{ x }} {% set y = '<b>' %}{{ y }}\n", entry=HTML)

case("autoescape/caller-output-is-markup", "{% macro m() %}[{{ caller() }}]{% endmacro %}{% call m() %}<i>{{ '<u>' }}</i>{% endcall %}\n", entry=HTML)

case("autoescape/filter-block-sees-escaped-text", "{% filter upper %}<p>{{ '<b>' }} & {{ v }}</p>{% endfilter %}\n", {"v": "a&b"}, entry=HTML)

case("autoescape/include-markdown-partial-from-html", "{% include 'p.md' %}|{% include 'p.html' %}\n", {"v": "<v>"},
     templates={"p.html": "<html>{{ v }}", "p.md": "<md>{{ v }}"}, entry=HTML)

case("autoescape/include-html-partial-from-markdown", "{% include 'p.md' %}|{% include 'p.html' %}\n", {"v": "<v>"},
     templates={"p.html": "<html>{{ v }}", "p.md": "<md>{{ v }}"})

case("autoescape/extends-html-layout-from-markdown-child", "{% extends 'layout.html' %}{% block b %}{{ v }}{% endblock %}\n", {"v": "<v>"},
     templates={"layout.html": "<main>{% block b %}{% endblock %}|{{ v }}</main>\n"})

case("autoescape/join-escapes-unless-markup", "{{ xs|join(', ') }} {{ [xs[0], '<b>'|safe]|join(', ') }} {{ xs|join('<br>') }} {{ xs|join('<br>'|safe) }}\n",
     {"xs": ["<a>", "&"]}, entry=HTML)

case("autoescape/tojson-is-safe", "<script>var d = {{ d|tojson }};</script>\n", {"d": {"k": "<'&>"}}, entry=HTML)

case("autoescape/replace-in-html", "{{ s|replace('&', '<and>') }} {{ s|safe|replace('&', '<and>') }} {{ s|safe|replace('&', '<and>'|safe) }}\n", {"s": "a & b"}, entry=HTML)

case("autoescape/string-filters-on-escaped-value", "{{ s|upper }} {{ s|length }} {{ s|striptags }} {{ s|title }}\n", {"s": "<b>a&amp;b</b>"}, entry=HTML)

case("autoescape/non-string-values", "{{ 1.5 }} {{ none }} {{ ['<a>'] }} {{ {'k': '<v>'} }} {{ true }} {{ n }}\n", {"n": 3}, entry=HTML)

case("autoescape/format-filter", "{{ '%s<br>'|format('<x>') }} {{ '%s<br>'|safe|format('<x>') }}\n", entry=HTML)

case("autoescape/default-and-if-expressions", "{{ s|default('<d>') }} {{ x|default('<d>') }} {{ '<y>' if true }} {{ s or '<o>' }}\n", {"s": ""}, entry=HTML)

case("autoescape/name-must-end-in-html", "{{ s }}\n", {"s": "<b>"}, entry="main.HTML")

case("autoescape/md-html-double-extension", "{{ s }}\n", {"s": "<b>"}, entry="page.md.html")

case("autoescape/html-md-double-extension", "{{ s }}\n", {"s": "<b>"}, entry="page.html.md")

case("autoescape/attribute-values", "<a href=\"{{ url }}\" title='{{ title }}'>{{ text }}</a>\n",
     {"text": "Q&A", "title": "it's \"quoted\"", "url": "/search?q=a&b=<c>"}, entry=HTML)


# ---------------------------------------------------------------------------------------------
# numbers: Python repr of floats, int/float kinds from JSON, inf/nan, -0.0
# (inf/nan come from data strings: Jinja2 constant-folds "inf"|float in literals and then fails
#  with NameError when the folded value meets a non-constant, so literals are avoided here)
# ---------------------------------------------------------------------------------------------

case("numbers/float-repr-shortest", "{{ 0.1 }} {{ 0.1 + 0.2 }} {{ 0.07 * 100 }} {{ 1 / 3 }} {{ 2 / 3 }} {{ 1.1 * 1.1 }} {{ 100.0 }}\n")

case("numbers/float-repr-exponent-thresholds", "{{ 1e15 }} {{ 1e16 }} {{ 123456789012345678.0 }} {{ 0.0001 }} {{ 0.00001 }} {{ 1e-7 }} {{ 1e22 }} {{ 12345.678e3 }}\n")

# Python picks fixed or exponent notation from the decimal exponent of the shortest digits (fixed
# for -4 <= exponent < 16); Swift switches by binary magnitude (from 2**53), so 9.0e15-1e16 and
# the values just around 1e-4 are where the two differ unless the engine lays the digits out itself.
case("numbers/float-repr-upper-threshold", "{{ 9999999999999998.0 }} {{ 9007199254740992.0 }} {{ 9.5e15 }} {{ 4503599627370497.5 }} {{ 1234567890123456.7 }} {{ 1e16 }} {{ 1.0000000000000002e16 }} {{ 1.2e16 }} {{ -9999999999999998.0 }} {{ 9.999999999999999e15 }}\n")
case("numbers/float-repr-lower-threshold", "{{ 0.0001 }} {{ 0.00011 }} {{ 0.000123456789 }} {{ -0.0001 }} {{ 0.0001 * 3 }} {{ 0.00009999 }} {{ 0.00001 }} {{ 1.5e-5 }} {{ 0.000099999999999999991 }} {{ -0.00009 }}\n")
case("numbers/float-repr-thresholds-from-data", "{{ a }} {{ b }} {{ c }} {{ d }} {{ e }} {{ f }} {{ g }} {{ h }}\n",
     {"a": 9999999999999998.0, "b": 9007199254740992.0, "c": 1e16, "d": 0.0001, "e": 9.999e-05, "f": -9.5e15, "g": 2.0 ** 53 + 2, "h": 1e15 + 0.5})
case("numbers/float-repr-thresholds-in-containers-and-strings", "{{ [9999999999999998.0, 1e16, 0.0001, 1e-05] }} {{ (9.5e15)|string }} {{ 'x' ~ 9.5e15 }} {{ {'k': 9.5e15} }} {{ 9.5e15|round }} {{ big * 1.0 }}\n",
     {"big": 9007199254740993})
case("numbers/float-repr-from-data", "{{ a }} {{ b }} {{ c }} {{ d }} {{ e }} {{ f }}\n",
     {"a": 1e-07, "b": 123456789.123456789, "c": 1e100, "d": 5e-324, "e": 1.7976931348623157e308, "f": 1e16})

case("numbers/one-e-twenty", "{{ 1e20 }} {{ 1e20 ~ '' }} {{ [1e20] }} {{ 1e20 / 10 }}\n")

case("numbers/float-to-int-beyond-64-bits", "{{ 1e20|int }} {{ x|int }}\n", {"x": 1e19})

case("numbers/float-int-kinds-from-json", "{{ i }} {{ f }} {{ i / 1 }} {{ f|int }} {{ i is integer }} {{ f is float }} {{ i == f }}\n", {"f": 3.0, "i": 3})

case("numbers/large-int-stays-exact", "{{ big }} {{ big + 0 }} {{ big|string }} {{ big|float }} {{ big * 1.0 }} {{ '%d'|format(big) }}\n", {"big": 9007199254740993})

case("numbers/negative-large-int", "{{ n }} {{ -n }} {{ n|abs }} {{ n // 10 }} {{ n % 10 }}\n", {"n": -9223372036854775807})

case("numbers/inf-and-nan-from-strings", "{{ i|float }} {{ -(i|float) }} {{ n|float }} {{ [i|float] }} {{ ('-' ~ i)|float }}\n", {"i": "inf", "n": "nan"})

case("numbers/inf-arithmetic", "{{ (i|float) * 0 }} {{ (n|float) == (n|float) }} {{ (i|float) > 1e308 }} {{ (i|float)|round }} {{ 1 / (i|float) }}\n", {"i": "inf", "n": "nan"})

case("numbers/negative-zero", "{{ -0.0 }} {{ 0.0 * -1 }} {{ -0.0 + 0 }} {{ 0 * -1 }} {{ -0.0 == 0 }} {{ -0.0|round }} {{ (-0.4)|round }} {{ -0.0|abs }}\n")

case("numbers/float-equality-with-int", "{{ 3.0 == 3 }} {{ 1 / 3 * 3 }} {{ 7.0 // 2 }} {{ 2 * 0.5 }} {{ 10 / 5 }} {{ 1e3|int }} {{ 3.0|int }}\n")

case("numbers/percentages", "{% for p in ps %}{{ (p * 100)|round(1) }}% {% endfor %}\n", {"ps": [0.1234, 0.5, 0.07, 1.0, 0.005]})

case("numbers/round-then-int-for-display", "{{ (x|round)|int }} {{ x|round|int }} {{ (x * 100)|round / 100 }}\n", {"x": 12.5})

case("numbers/sum-of-floats-repr", "{{ xs|sum }} {{ (xs|sum)|round(2) }} {{ xs|sum / xs|length }}\n", {"xs": [19.99, 5.01, 0.1, 0.2]})

# ---------------------------------------------------------------------------------------------
# format filter: Python %-formatting
# ---------------------------------------------------------------------------------------------

case("format/float-precision", "{{ '%.1f'|format(x) }} {{ '%.2f'|format(x) }} {{ '%.0f'|format(x) }} {{ '%f'|format(x) }}\n", {"x": 3.14159})

case("format/float-precision-half-even-on-binary", "{{ '%.1f'|format(2.25) }} {{ '%.0f'|format(2.5) }} {{ '%.0f'|format(3.5) }} {{ '%.2f'|format(2.675) }} {{ '%.1f'|format(0.05) }}\n")

case("format/d-with-float-and-bool", "{{ '%d'|format(3.9) }} {{ '%d'|format(-3.9) }} {{ '%d'|format(true) }} {{ '%i'|format(7) }}\n")

case("format/s-with-various-values", "[{{ '%s'|format(none) }}] [{{ '%s'|format(1.0) }}] [{{ '%s'|format(true) }}] [{{ '%s'|format([1, 'a']) }}] [{{ '%s'|format('x') }}]\n")

case("format/width-and-alignment", "[{{ '%5.2f'|format(3.14159) }}] [{{ '%-8s'|format('ab') }}] [{{ '%8s'|format('ab') }}] [{{ '%10.3f'|format(-1.5) }}] [{{ '%5s|%-5s'|format('a', 'b') }}]\n")

case("format/percent-literal", "{{ '100%%'|format() }} {{ '%.2f%%'|format(12.345) }} {{ '%d%% done'|format(50) }}\n")

case("format/zero-pad-and-sign", "{{ '%05d'|format(42) }} {{ '%05d'|format(-42) }} {{ '%+.2f'|format(1.5) }} {{ '%+d'|format(-3) }} {{ '% d'|format(5) }} {{ '%08.3f'|format(3.14159) }}\n")

case("format/hex-octal", "{{ '%x'|format(255) }} {{ '%X'|format(255) }} {{ '%o'|format(8) }} {{ '%#x'|format(255) }} {{ '%04x'|format(10) }}\n")

case("format/exponent-and-general", "{{ '%e'|format(12345.678) }} {{ '%.2e'|format(0.000123) }} {{ '%g'|format(0.00001234) }} {{ '%g'|format(100000) }} {{ '%g'|format(1000000) }} {{ '%.3g'|format(3.14159) }} {{ '%G'|format(1e-10) }}\n")

case("format/named-placeholders", "{{ '%(a)s-%(b)s'|format(a=1, b='two') }} {{ '%(x).1f'|format(x=2.25) }}\n")

case("format/multiple-positional", "{{ '%s and %s'|format('a', 'b') }} {{ '%s=%d (%.1f%%)'|format('n', 3, 37.5) }}\n")

case("format/string-precision", "{{ '%.3s'|format('abcdef') }} {{ '%-6.2s|'|format('abc') }}\n")

case("format/repr-conversion", "{{ '%r'|format('x') }} {{ '%r'|format(1.0) }} {{ '%r'|format(none) }}\n")

case("format/with-data-and-table-cell", "| {{ '%-10s'|format(name) }} | {{ '%8.2f'|format(amount) }} |\n", {"amount": 1234.5, "name": "Widget"})

case("format/large-and-negative-numbers", "{{ '%d'|format(big) }} {{ '%.2f'|format(-0.001) }} {{ '%.0f'|format(-0.4) }} {{ '%.1f'|format(1e20) }}\n", {"big": 9007199254740993})

# ---------------------------------------------------------------------------------------------
# unicode: code-point semantics, combining marks, emoji, CJK
# ---------------------------------------------------------------------------------------------

case("unicode/combining-mark-length-and-equality", "{{ a|length }} {{ b|length }} {{ a == b }} {{ a < b }} {{ a in b }}\n", {"a": "\u00e9", "b": "e\u0301"})

case("unicode/combining-mark-in-template-source", "{{ 'e\u0301'|length }} {{ 'e\u0301' == '\u00e9' }} {{ 'e\u0301'|reverse|length }}\n")

case("unicode/sort-precomposed-and-decomposed", "{{ [a, b, 'f', 'e', 'E']|sort }}\n", {"a": "\u00e9", "b": "e\u0301"})

case("unicode/center-counts-code-points", "[{{ a|center(5) }}] [{{ b|center(5) }}] [{{ '🙂x'|center(6) }}]\n", {"a": "\u00e9", "b": "e\u0301"})

case("unicode/emoji-modifiers-and-flags", "{{ s|length }} {{ s|reverse }} {{ s[0] }} {{ s|list|length }} {{ s[2:] }}\n", {"s": "👍🏽🇫🇷"})

case("unicode/zwj-sequence-length", "{{ s|length }} {{ s[0] }}\n", {"s": "👩\u200d💻"})

case("unicode/cjk-text", "{{ s|length }} {{ s|upper }} {{ s|truncate(4, true, '…', 0) }} {{ s|wordcount }} {{ s[1:3] }} [{{ s|center(10) }}]\n", {"s": "日本語のテキスト"})

case("unicode/case-mapping", "{{ 'straße'|upper }} {{ 'ÉCOLE'|lower }} {{ 'émile zola'|title }} {{ 'émile zola'|capitalize }} {{ 'ﬁne'|upper }}\n")

case("unicode/sort-non-ascii-by-code-point", "{{ ['é', 'z', 'e', 'É', 'a']|sort }} {{ ['é', 'z', 'e', 'É', 'a']|sort(case_sensitive=true) }} {{ ['ä', 'a', 'z']|max }} {{ 'Ä' < 'a' }}\n")

case("unicode/truncate-and-slice-emoji", "{{ s|truncate(3, true, '…', 0) }} {{ s[:2] }} {{ s|length }}\n", {"s": "🙂🙃🙂🙃🙂"})

case("unicode/wordwrap-and-title-non-ascii", "{{ s|wordwrap(11) }}|{{ s|title }}\n", {"s": "čšž ćđ ünïcödé wörds"})

case("unicode/escape-and-urlencode", "{{ s|e }} {{ s|urlencode }} {{ s|tojson }}\n", {"s": "ü<>"})

case("unicode/non-ascii-dict-keys", "{{ d['ключ'] }} {{ d|dictsort }} {% for k, v in d|dictsort %}{{ k }}{% endfor %}\n", {"d": {"ключ": "значение", "äpfel": 1, "zebra": 2}})


# ---------------------------------------------------------------------------------------------
# errors: expected exception class and message (StrictUndefined, type errors, syntax errors)
# ---------------------------------------------------------------------------------------------

case("errors/undefined-variable", "a {{ missing }} b\n")

case("errors/undefined-attribute-of-dict", "{{ user.email }}\n", {"user": {"name": "Ada"}})

case("errors/undefined-key-subscript", "{{ user['email'] }}\n", {"user": {"name": "Ada"}})

case("errors/list-index-out-of-range", "{{ xs[3] }}\n", {"xs": [1, 2, 3]})

case("errors/undefined-in-if-condition", "{% if missing %}yes{% endif %}\n")

case("errors/undefined-in-comparison", "{% if missing == 1 %}yes{% endif %}\n")

case("errors/attribute-of-undefined", "{{ missing.name }}\n")

case("errors/defined-test-does-not-guard-chained-access", "{{ missing.name is defined }}\n")

case("errors/undefined-in-for", "{% for x in missing %}{{ x }}{% endfor %}\n")

case("errors/for-over-none", "{% for x in n %}{{ x }}{% endfor %}\n", {"n": None})

case("errors/for-over-integer", "{% for x in n %}{{ x }}{% endfor %}\n", {"n": 3})

case("errors/call-undefined", "{{ nosuch() }}\n")

case("errors/undefined-in-filter-argument", "{{ xs|join(sep) }}\n", {"xs": [1]})

case("errors/undefined-concatenated", "{{ 'a' ~ missing }}\n")

case("errors/previtem-on-first-iteration", "{% for x in xs %}{{ loop.previtem }}{% endfor %}\n", {"xs": [1, 2]})

case("errors/loop-in-include-when-body-does-not-use-loop", "{% for x in xs %}{% include 'p.md' %}{% endfor %}\n", {"xs": [1]},
     templates={"p.md": "{{ loop.index }}"})

case("errors/block-in-loop-does-not-see-loop-variable", "{% for i in xs %}{% block b %}{{ i }}{% endblock %}{% endfor %}\n", {"xs": [1]})

case("errors/dot-access-dict-method-shadows-key", "{{ d.items|length }}\n", {"d": {"items": [1, 2]}})

case("errors/type-str-minus-int", "{{ 'a' - 1 }}\n")

case("errors/type-tilde-binds-tighter-than-plus", "{{ 'n=' ~ 1 + 2 }}\n")

case("errors/type-int-plus-str", "{{ 1 + 'a' }}\n")

case("errors/type-list-plus-int", "{{ [1] + 1 }}\n")

case("errors/type-compare-str-and-int", "{{ 'a' < 1 }}\n")

case("errors/type-int-in-string", "{{ 1 in 'abc' }}\n")

case("errors/type-unary-minus-on-string-before-filter", "{{ -'3'|int }}\n")

case("errors/type-filter-binds-tighter-than-multiply", "{{ 'x' * 30|truncate }}\n")

case("errors/type-sort-mixed-types", "{{ [1, 'a']|sort }}\n")

case("errors/division-by-zero", "{{ 1 / 0 }}\n")

case("errors/floor-division-by-zero", "{{ 1 // z }}\n", {"z": 0})

case("errors/modulo-by-zero", "{{ 5 % z }}\n", {"z": 0})

case("errors/float-division-by-zero", "{{ x / 0 }}\n", {"x": 1.5})

case("errors/macro-too-many-positional-args", "{% macro m(a, b) %}{{ a }}{{ b }}{% endmacro %}{{ m(1, 2, 3) }}\n")

case("errors/macro-unknown-keyword-arg", "{% macro m(a, b=2) %}{{ a }}{{ b }}{% endmacro %}{{ m(1, c=3) }}\n")

case("errors/macro-missing-argument-used", "{% macro m(a, b) %}{{ a }}{{ b }}{% endmacro %}{{ m(1) }}\n")

case("errors/filter-too-many-arguments", "{{ 'x'|upper(1) }}\n")

case("errors/format-wrong-argument-type", "{{ '%d'|format('x') }}\n")

case("errors/format-not-enough-arguments", "{{ '%s %s'|format(1) }}\n")

case("errors/format-braces-not-supported", "{{ '{}'|format(1) }}\n")

case("errors/round-unknown-method", "{{ 2.5|round(method='up') }}\n")

case("errors/truncate-length-shorter-than-end", "{{ 'hello world'|truncate(2, leeway=0) }}\n")

case("errors/sort-attribute-list-spaces-not-stripped", "{{ rs|sort(attribute='n, k') }}\n", {"rs": [{"k": "a", "n": 1}, {"k": "b", "n": 1}]})

case("errors/max-of-empty-printed", "{{ []|max }}\n")

case("errors/selectattr-missing-attribute-truthiness", "{{ rs|selectattr('x')|list }}\n", {"rs": [{"n": 1}]})

case("errors/attr-filter-on-json-object", "{{ d|attr('a') }}\n", {"d": {"a": 1}})

case("errors/namespace-missing-attribute", "{% set ns = namespace(a=1) %}{{ ns.b }}\n")

case("errors/unpack-too-many-values", "{% for a, b in [[1, 2, 3]] %}{{ a }}{% endfor %}\n")

case("errors/include-missing-template", "{% include 'nope.md' %}\n")

case("errors/extends-missing-template", "{% extends 'nope.md' %}\n")

case("errors/unknown-filter-executed", "{{ x|nosuch }}\n", {"x": 1})

case("errors/unknown-test-executed", "{{ x is nosuch }}\n", {"x": 1})

case("errors/syntax-unclosed-variable-tag", "a {{ x \n", {"x": 1})

case("errors/syntax-unclosed-block-tag", "{% if true \nx\n")

case("errors/syntax-endif-without-if", "x{% endif %}\n")

case("errors/syntax-for-missing-endfor", "{% for x in xs %}{{ x }}\n", {"xs": [1]})

case("errors/syntax-if-missing-endif", "{% if true %}x\n")

case("errors/syntax-mismatched-end-tag", "{% if true %}x{% endfor %}\n")

case("errors/syntax-incomplete-expression", "{{ 1 + }}\n")

case("errors/syntax-unknown-tag", "{% foo %}\n")

case("errors/syntax-empty-expression", "{{ }}\n")

case("errors/syntax-unclosed-string", "{{ 'abc }}\n")

case("errors/syntax-unclosed-comment", "a {# never closed\n")

case("errors/syntax-block-defined-twice", "{% block t %}a{% endblock %}{% block t %}b{% endblock %}\n")

case("errors/syntax-leading-zero-integer", "{{ 007 }}\n")

case("errors/syntax-is-equals-sign-test", "{{ 1 is == 1 }}\n")

case("errors/syntax-in-included-template", "{% include 'bad.md' %}\n", templates={"bad.md": "{% if %}"})


# ---------------------------------------------------------------------------------------------
# realistic: briefing-like documents combining many features
# ---------------------------------------------------------------------------------------------

SALES = [
    {"region": "North", "rep": "Ada", "units": 120, "revenue": 15234.5, "target": 15000},
    {"region": "South", "rep": "Bob", "units": 80, "revenue": 9120.0, "target": 12000},
    {"region": "north", "rep": "Cy", "units": 45, "revenue": 5010.25, "target": 5000},
    {"region": "East", "rep": "Di", "units": 0, "revenue": 0.0, "target": 3000},
]

case("realistic/markdown-sales-table", """\
## Sales by representative

| Rep | Region | Units | Revenue | vs target |
|-----|--------|------:|--------:|----------:|
{% for r in sales|sort(attribute='revenue', reverse=true) %}
| {{ r.rep }} | {{ r.region|title }} | {{ r.units }} | {{ '%.2f'|format(r.revenue) }} | {{ '%+.1f'|format((r.revenue / r.target - 1) * 100) }}% |
{% endfor %}

**Total:** {{ sales|sum(attribute='units') }} units, {{ (sales|sum(attribute='revenue'))|round(2) }} revenue.
""", {"sales": SALES})

case("realistic/grouped-by-region-with-subtotals", """\
{% for region, rows in sales|groupby('region') %}
### {{ region }} ({{ rows|length }} rep{{ 's' if rows|length != 1 }})
{% for r in rows %}
- {{ r.rep }}: {{ r.units }} units
{% endfor %}
Subtotal: {{ rows|sum(attribute='revenue')|round(1) }}

{% endfor %}
""", {"sales": SALES})

case("realistic/vendor-list-with-commas", """\
Vendors: {% for v in vendors %}{{ v.name }}{% if v.tier == 1 %} (tier 1){% endif %}{% if not loop.last %}, {% else %}.{% endif %}{% endfor %}

Tier-1 only: {{ vendors|selectattr('tier', 'eq', 1)|map(attribute='name')|join(', ') or 'none' }}
Count by tier: {% for tier, vs in vendors|groupby('tier') %}{{ tier }}={{ vs|length }}{{ '; ' if not loop.last }}{% endfor %}

""", {"vendors": [{"name": "Acme", "tier": 1}, {"name": "Globex", "tier": 2}, {"name": "Initech", "tier": 1}, {"name": "Umbrella", "tier": 3}]})

case("realistic/macro-table-rows", """\
{% macro cell(v) %}{% if v is number %}{{ '%.1f'|format(v) if v is float else v }}{% elif v is none %}—{% else %}{{ v }}{% endif %}{% endmacro %}
{% macro row(values) %}
| {% for v in values %}{{ cell(v) }} | {% endfor %}

{% endmacro %}
| Metric | Q1 | Q2 | Q3 |
|---|---|---|---|
{% for m in metrics %}
{{ row([m.name] + m.vals) }}{% endfor %}
""", {"metrics": [{"name": "Latency ms", "vals": [12.345, 11.0, None]}, {"name": "Errors", "vals": [3, 0, 7]}, {"name": "Uptime %", "vals": [99.95, 99.991, 100.0]}]})

case("realistic/html-layout-three-levels", """\
{% extends 'section.html' %}
{% block title %}{{ page.title }} — {{ super() }}{% endblock %}
{% block content %}
<h2>{{ page.title }}</h2>
<ul>
  {% for item in page['items'] %}
  <li class="{{ loop.cycle('odd', 'even') }}">{{ item }}</li>
  {% endfor %}
</ul>
{{ super() }}
{% endblock %}
""", {"page": {"items": ["Fish & Chips", "<script>alert(1)</script>", "Tea"], "title": "Menu <Today>"}},
     templates={
         "base.html": """\
<!doctype html>
<html>
<head><title>{% block title %}Site{% endblock %}</title></head>
<body>
{% block body %}
<main>
{% block content %}{% endblock %}
</main>
{% endblock %}
<footer>{% block footer %}&copy; Example{% endblock %}</footer>
</body>
</html>
""",
         "section.html": """\
{% extends 'base.html' %}
{% block title %}Section | {{ super() }}{% endblock %}
{% block content %}
<p class="note">Section default content</p>
{% endblock %}
{% block footer %}{{ super() }} &middot; Section{% endblock %}
""",
     }, entry="page.html")

case("realistic/briefing-report", """\
# Daily briefing — {{ date }}

{% set open = incidents|rejectattr('resolved')|list %}
{% set ns = namespace(minutes=0) %}
{% for i in incidents %}{% set ns.minutes = ns.minutes + i.minutes %}{% endfor %}
{% if open %}
**{{ open|length }} open incident{{ 's' if open|length > 1 }}:** {{ open|map(attribute='id')|join(', ') }}
{% else %}
All incidents resolved.
{% endif %}
Total downtime: {{ ns.minutes }} min ({{ '%.1f'|format(ns.minutes / 60) }} h)

{% for sev, items in incidents|groupby('severity')|reverse %}
## Severity {{ sev }}
{% for i in items|sort(attribute='id') %}
- [{{ 'x' if i.resolved else ' ' }}] {{ i.id }}: {{ i.title|truncate(30) }}{% if i.owner is defined %} (@{{ i.owner }}){% endif %}

{% endfor %}

{% endfor %}
""", {"date": "2024-03-01", "incidents": [
    {"id": "INC-7", "minutes": 30, "resolved": True, "severity": 2, "title": "Cache warmup slow after deploy"},
    {"id": "INC-3", "minutes": 95, "owner": "ada", "resolved": False, "severity": 1, "title": "Database failover did not trigger within the expected window"},
    {"id": "INC-5", "minutes": 12, "resolved": False, "severity": 2, "title": "Login latency"},
]})

case("realistic/partials-with-include-in-loop", """\
# Team
{% for person in people %}
{% include 'person.md' %}
{% endfor %}
""", {"people": [{"name": "Ada", "role": "Lead", "skills": ["math", "engines"]}, {"name": "Bob", "role": "Dev", "skills": []}]},
     templates={"person.md": "## {{ person.name }} ({{ person.role }})\n{% if person.skills %}Skills: {{ person.skills|join(', ') }}\n{% else %}No skills listed.\n{% endif %}"})

case("realistic/toc-from-sections", """\
{% for s in sections %}
{{ '  ' * (s.level - 1) }}{{ loop.index }}. [{{ s.title }}](#{{ s.title|lower|replace(' ', '-') }})
{% endfor %}
""", {"sections": [{"level": 1, "title": "Overview"}, {"level": 2, "title": "Key Numbers"}, {"level": 2, "title": "Risks and Issues"}, {"level": 1, "title": "Next Steps"}]})

case("realistic/key-value-dictsort", """\
{% for key, value in settings|dictsort %}
{{ '%-12s'|format(key ~ ':') }} {{ value|tojson if value is mapping or value is sequence and value is not string else value }}
{% endfor %}
""", {"settings": {"Timeout": 30, "debug": False, "hosts": ["a", "b"], "name": "svc", "ratio": 0.75, "retry": {"max": 3}}})

case("realistic/changelog-grouped-by-type", """\
{% set labels = {'feat': 'Features', 'fix': 'Bug fixes', 'docs': 'Documentation'} %}
{% for type, commits in log|groupby('type') %}
### {{ labels.get(type, type|capitalize) }}
{% for c in commits %}
* {{ c.msg|capitalize }}{{ ' (' ~ c.pr ~ ')' if c.pr is defined }}
{% endfor %}

{% endfor %}
""", {"log": [{"msg": "add export", "pr": 12, "type": "feat"}, {"msg": "Fix crash on empty input", "type": "fix"}, {"msg": "typo", "type": "docs"}, {"msg": "support CSV", "pr": 15, "type": "feat"}, {"msg": "misc", "type": "chore"}]})

case("realistic/email-with-call-block", """\
{% macro section(title) %}
=== {{ title|upper }} ===
{{ caller()|trim }}

{% endmacro %}
Hello {{ user.first|default('there') }},

{% call section('Your orders') %}
{% for o in orders %}
#{{ o.id }} — {{ o.qty }} × {{ o.item }} = {{ '%.2f'|format(o.qty * o.price) }}
{% else %}
No orders.
{% endfor %}
{% endcall %}
{% call section('Total') %}
{{ '%.2f'|format(orders|map(attribute='price')|sum) }} (unit prices) / {{ orders|sum(attribute='qty') }} items
{% endcall %}
Bye.
""", {"orders": [{"id": 1, "item": "pen", "price": 1.2, "qty": 3}, {"id": 2, "item": "pad", "price": 2.55, "qty": 1}], "user": {}})

case("realistic/status-badges-html", """\
{% macro badge(status) %}<span class="badge badge-{{ status|lower }}">{{ status }}</span>{% endmacro %}
<table>
{% for svc in services|sort(attribute='name') %}
  <tr><td>{{ svc.name }}</td><td>{{ badge(svc.status) }}</td><td>{{ svc.note|default('—') }}</td></tr>
{% endfor %}
</table>
""", {"services": [{"name": "web", "status": "OK"}, {"name": "api", "note": "p95 > 300ms & rising", "status": "Degraded"}, {"name": "<db>", "status": "Down"}]},
     entry="status.html")

case("realistic/matrix-with-nested-loops", """\
|   |{% for c in cols %} {{ c }} |{% endfor %}

|---|{% for c in cols %}---|{% endfor %}

{% for r in rows %}
{% set outer = loop %}
| {{ r }} |{% for c in cols %} {{ (outer.index * loop.index) if (outer.index + loop.index) is even else '.' }} |{% endfor %}

{% endfor %}
""", {"cols": ["a", "b", "c"], "rows": ["x", "y"]})

case("realistic/json-embed-and-config", """\
```json
{{ cfg|tojson(indent=2) }}
```
Enabled features: {{ cfg.features|select|list|length }} of {{ cfg.features|length }}
Name (urlencoded): {{ cfg.name|urlencode }}
""", {"cfg": {"features": [True, False, True], "limits": {"max": 10, "min": 0.5}, "name": "my app/v2", "owner": None}})

case("realistic/wrapped-paragraphs-and-indent", """\
Summary:
  {{ summary|wordwrap(40)|indent(2) }}

Notes:
{% for n in notes %}
  - {{ n|wordwrap(30)|indent(4) }}
{% endfor %}
""", {"notes": ["Short note.", "A much longer note that has to be wrapped over multiple lines to fit in the column."],
      "summary": "The quarter closed ahead of plan on revenue, with costs slightly above budget due to one-off hiring expenses in the platform team."})

case("realistic/top-n-with-loop-controls", """\
Top {{ n }} by score:
{% for p in players|sort(attribute='score', reverse=true) if p.active %}
{% if loop.index <= n %}
{{ loop.index }}. {{ p.name|center(8) }} {{ '%5.1f'|format(p.score) }}{{ ' *' if loop.first }}
{% endif %}
{% endfor %}
""", {"n": 2, "players": [{"active": True, "name": "ann", "score": 81.5}, {"active": False, "name": "ben", "score": 99.0}, {"active": True, "name": "cat", "score": 93.25}, {"active": True, "name": "dan", "score": 70}]})
