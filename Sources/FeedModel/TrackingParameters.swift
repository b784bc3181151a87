/// Query parameters that only tell a site where a click came from, never which page it is.
///
/// Names are matched ASCII case-insensitively after percent-decoding of unreserved characters, so `UTM_Source`
/// and `utm%5Fsource` are tracking parameters too. The list follows the brief's list plus click ids that
/// Miniflux's URL cleaner also strips (Facebook, Twitter, Yandex, Humble Bundle, Branch, Beehiiv, Matomo).
enum TrackingParameters {
    /// Exact names, lower-cased.
    static let names: Set<String> = [
        // Facebook, Instagram
        "fbclid", "fb_action_ids", "fb_action_types", "fb_ref", "fb_source", "fb_comment_id", "igshid",
        // Google Ads and Analytics
        "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "_ga", "_gl", "srsltid",
        // Microsoft, Yandex, Twitter
        "msclkid", "yclid", "ysclid", "_openstat", "twclid",
        // Mailchimp
        "mc_cid", "mc_eid", "mc_tc",
        // HubSpot
        "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "hsctatracking", "hsa_cam",
        // Marketo, Adobe
        "mkt_tok", "s_cid", "sc_cid",
        // Referrer markers
        "ref", "ref_src", "ref_url",
        // Olytics, Vero, Wicked Reports
        "oly_anon_id", "oly_enc_id", "rb_clickid", "vero_conv", "vero_id", "wickedid",
        // Publishers' campaign ids
        "ncid", "sr_share", "cmpid", "icid",
        // Humble Bundle, Branch, Beehiiv
        "hmb_campaign", "hmb_medium", "hmb_source", "_branch_match_id", "_branch_referrer", "_bhlid",
    ]

    /// Prefixes of whole families: Google's utm_, internal itm_, Matomo's mtm_.
    static let prefixes: [[UInt8]] = [Array("utm_".utf8), Array("itm_".utf8), Array("mtm_".utf8)]

    /// The referrer markers among `names`, which a feed's identity keeps (see `CanonicalURL`).
    static let referrers: Set<String> = ["ref", "ref_src", "ref_url"]

    /// True when `name` is one of `referrers`, in any letter case.
    static func isReferrer(_ name: ArraySlice<UInt8>) -> Bool {
        name.count <= 7 && referrers.contains(String(decoding: name, as: UTF8.self).lowercased())
    }

    /// True when the (percent-normalised) parameter name `name` is a tracking parameter.
    static func contains(_ name: ArraySlice<UInt8>) -> Bool {
        guard !name.isEmpty, name.count <= 32 else { return false }
        var lowered: [UInt8] = []
        lowered.reserveCapacity(name.count)
        for byte in name { lowered.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
        for prefix in prefixes where lowered.starts(with: prefix) { return true }
        return names.contains(String(decoding: lowered, as: UTF8.self))
    }
}
