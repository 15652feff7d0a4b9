import Templating
import Testing

/// `Environment.attributeUses(inTemplate:)`: every attribute read, in source order, at the
/// attribute's name, with the filter it feeds directly; branches count whether taken or not.
@Test func attributeUsesListsEveryReadWithTheFilterItFeeds() throws {
    let source = """
        {{ v.a|pp }} {{ (v.b / 100)|pp }}
        {% if x.c is none %}{{ y[0].d|default(1)|round }}{% endif %}{% for i in z.e if i.f %}{{ m(i.g) }}{% endfor %}
        """
    let environment = Environment(loader: DictionaryLoader(["page.md": source]))
    let uses = try environment.attributeUses(inTemplate: "page.md")
    #expect(uses.map { "\($0.attribute) \($0.filter ?? "-") \($0.location)" } == [
        "a pp page.md:1:6", "b - page.md:1:20", "c - page.md:2:9", "d default page.md:2:29", "e - page.md:2:75",
        "f - page.md:2:82", "g - page.md:2:93",
    ])
}

@Test func attributeUsesOfAMissingTemplateIsNotFound() throws {
    let environment = Environment(loader: DictionaryLoader([:]))
    let error = try #require(throws: TemplateError.self) { try environment.attributeUses(inTemplate: "absent.md") }
    #expect(error.kind == .notFound)
}
