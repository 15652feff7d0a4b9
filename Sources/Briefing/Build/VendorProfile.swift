import Workspace

/// What every page about a vendor shows of the vendor itself: the briefing's `vendors[]` items (so
/// `vendor.md` and the weekly template) and the site's vendor page both encode it at their top level.
/// A typed field added to the workspace's `Vendor` and here reaches both without another change
/// (docs/architecture.md, "A data field shown on pages").
package struct VendorProfile: Encodable, Sendable {
    package var id: String
    package var name: String
    package var kind: String
    package var stance: String
    package var tickers: [String]
    package var color: String
    /// When the narrative was last reviewed (`YYYY-MM-DD`).
    package var updated: String
    /// The team's own front-matter fields (`params:`), by name.
    package var params: Params

    package init(_ vendor: Vendor) {
        id = vendor.id
        name = vendor.name
        kind = vendor.kind.rawValue
        stance = vendor.stance.rawValue
        tickers = vendor.tickers
        color = vendor.color
        updated = vendor.updated.description
        params = vendor.params
    }
}

/// A page model that shows a ``VendorProfile`` beside its own fields, encoded as one flat record.
@dynamicMemberLookup
package protocol ShowsVendorProfile {
    var profile: VendorProfile { get }
}

extension ShowsVendorProfile {
    /// `item.name` reads the profile's field, as templates do.
    package subscript<T>(dynamicMember keyPath: KeyPath<VendorProfile, T>) -> T { profile[keyPath: keyPath] }
}
