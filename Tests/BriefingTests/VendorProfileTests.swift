// One home for what pages show of a vendor: the briefing's `vendors[]` item and the site's vendor
// page both carry the same VendorProfile, encoded flat, so a field added to the profile reaches both.
// On the monthly two-market workspace (not the bundled one), with a vendor that has params.

import Foundation
import Templating
import TestSupport
import Testing
import Workspace
@testable import Briefing

@Suite("Vendor profile")
struct VendorProfileTests {
    @Test("the briefing's vendor item and the site's vendor page show the same profile fields, flat")
    func bothPagesShowTheSameProfile() throws {
        let workspace = try MonthlyWorkspace()
        defer { workspace.remove() }
        let path = workspace.root.appendingPathComponent("Data/vendors/lumen.md")
        let text = try String(contentsOf: path, encoding: .utf8)
        try text.replacingOccurrences(of: "stance: neutral\n", with: "stance: neutral\nparams:\n  headquarters: Oslo\n")
            .write(to: path, atomically: true, encoding: .utf8)
        let result = WorkspaceLoader(root: workspace.root).load(asOf: MonthlyWorkspace.asOf)
        let loaded = try #require(result.workspace)
        let context = WeeklyBuilder(workspace: loaded, root: workspace.root, asOf: result.asOf, toolVersion: "0.0.0-test")
            .context(previous: nil).context
        let inputs = SiteInputs.load(workspace: loaded, root: workspace.root, baseURL: "https://example.test/")
        let profileKeys = Self.keys(of: try Value(encoding: VendorProfile(loaded.vendors[0]), keys: .snakeCase))
        #expect(profileKeys == ["color", "id", "kind", "name", "params", "stance", "tickers", "updated"])
        for vendor in loaded.vendors {
            let item = try #require(context.vendors.first { $0.id == vendor.id })
            let model = VendorPageBuilder(vendor: vendor, inputs: inputs).model()
            // As templates see them: one flat record each, the profile's keys beside the page's own.
            #expect(Set(profileKeys + ["summary", "sections", "footnotes", "figures", "events"]) == Set(Self.keys(of: try Value(encoding: item, keys: .snakeCase))))
            #expect(Set(profileKeys + ["summary", "sections", "markets", "events"]) == Set(Self.keys(of: try Value(encoding: model, keys: .snakeCase))))
            // The same values: the profile's fields are the vendor's, on both pages.
            let profile = try Self.json(VendorProfile(vendor))
            let briefing = try Self.json(item)
            let site = try Self.json(model)
            for key in profileKeys {
                #expect(briefing[key] == profile[key], "\(vendor.id).\(key) in the briefing")
                #expect(site[key] == profile[key], "\(vendor.id).\(key) on the site")
            }
            if vendor.id == "lumen" { #expect(profile["params"] == #"{"headquarters":"Oslo"}"#) }
            #expect(profile["name"] == "\"\(vendor.name)\"" && profile["id"] == "\"\(vendor.id)\"")
            #expect(item.name == vendor.name && model.updated == vendor.updated.description, "Swift code reads the profile through the page models")
        }
    }

    static func keys(of value: Value) -> [String] {
        guard case .dict(let dictionary) = value else { return [] }
        return dictionary.keys.sorted()
    }

    /// Each top-level field of `value` as compact JSON text with sorted keys.
    static func json(_ value: some Encodable) throws -> [String: String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(value)) as? [String: Any])
        var fields: [String: String] = [:]
        for (key, field) in object {
            let data = try JSONSerialization.data(withJSONObject: field, options: [.sortedKeys, .fragmentsAllowed])
            fields[key] = String(decoding: data, as: UTF8.self)
        }
        return fields
    }
}
