// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "feedd",
    products: [
        .executable(name: "feedd", targets: ["feedd"]),
        .executable(name: "feedctl", targets: ["feedctl"]),
        .executable(name: "feedd-parse-bench", targets: ["ParseBench"]),
        .executable(name: "feedd-store-bench", targets: ["StoreBench"]),
        .executable(name: "feedd-clean-bench", targets: ["CleanBench"]),
        .executable(name: "feedd-digest-bench", targets: ["DigestBench"]),
        .executable(name: "feedd-extract-bench", targets: ["ExtractBench"]),
        .executable(name: "feedd-fuzz", targets: ["FeedFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        // The API's HTTP server (`[api]`); swift-nio and swift-http-types come with it and are named for the
        // types the listener uses directly.
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // C libraries from Debian's packages, reached through typed shims.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // The regular expressions of the owner's rules: Perl's syntax, Unicode, a JIT, and limits on backtracking.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        // HMAC-SHA256 for signed webhook notifications.
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        // glibc's posix_spawn_file_actions_addclosefrom_np and pipe2, which Swift's Glibc module hides.
        .systemLibrary(name: "CSpawn"),
        // glibc's mallopt, which Swift's Glibc module leaves out: feedd's allocator settings.
        .systemLibrary(name: "CMalloc"),

        // Libraries, lowest first.
        .target(name: "FeedModel"),
        // Reading and writing HTML bytes: the markup reader, the sanitizer, plain text, escaping, URL resolution,
        // feed discovery in pages (libxml2's HTML parser), the stable hash, the ASCII whitespace rules.
        .target(name: "FeedHTML", dependencies: ["CLibXML2"]),
        .target(name: "FeedParsing", dependencies: ["FeedModel", "FeedHTML", "CLibXML2"]),
        .target(
            name: "FeedFetching",
            dependencies: ["FeedModel", "CCurl", .product(name: "Logging", package: "swift-log")]
        ),

        // The owner's rules: patterns, scopes and actions applied to each new article.
        .target(name: "FeedRules", dependencies: ["FeedModel", "CPCRE2"]),
        // Running a command with posix_spawn: no shell, a timeout that kills its process group, capped output; for
        // exec notification sinks and exec feed sources.
        .target(name: "FeedProcess", dependencies: ["CSpawn"]),
        // App passwords for the API: random passwords, their Argon2id hashes, tokens' SHA-256, Fever's MD5 key, hex.
        .target(name: "FeedAccess", dependencies: ["CSodium"]),
        // Delivering one notification to one sink (ntfy, webhook, exec): HTTP through FeedFetching, the webhook
        // signature through libsodium, the exec sink through FeedProcess.
        .target(name: "FeedNotify", dependencies: ["FeedFetching", "FeedProcess", "FeedAccess", "CSodium"]),

        // The TOML configuration feedd and feedctl share.
        // FeedModel for FeedIdentity: two [[feed]] spellings of one feed's URL are one feed. FeedRules: a rule's
        // patterns are compiled (and their errors reported at their line) when the file is read. FeedFetching: a
        // feed's added headers are checked by the rule the request applies. FeedExtraction: selectors and full-text
        // rules are compiled when the file is read.
        .target(
            name: "FeedConfig",
            dependencies: [
                "FeedModel", "FeedRules", "FeedFetching", "FeedExtraction",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]),
        .target(
            name: "FeedStore",
            dependencies: [
                "FeedModel", .product(name: "GRDB", package: "GRDB.swift"),
                // The FTS5 ranking function (SearchRanking) is written against SQLite's C API.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(name: "ArticleCleaning", dependencies: ["FeedModel", "FeedHTML"]),
        // Reading web pages as trees (libxml2's HTML parser): CSS and XPath selectors, an article's main content
        // for full text, and the items of a page without a feed.
        .target(name: "FeedExtraction", dependencies: ["CLibXML2", "FeedHTML", "FeedModel", "FeedParsing"]),
        // The daily digest: selection, rendering, files, schedule; mailed through FeedFetching's SMTP sender.
        .target(name: "Digest", dependencies: ["FeedConfig", "FeedHTML", "FeedModel", "FeedStore", "FeedFetching"]),

        // The HTTP API for reader apps (Google Reader, Fever) and the digests, on hummingbird, inside feedd.
        .target(
            name: "FeedAPI",
            dependencies: [
                "FeedAccess", "FeedConfig", "FeedHTML", "FeedModel", "FeedStore", "Digest",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // One fetch of one feed, from response to store update: shared by feedd and `feedctl add`.
        .target(
            name: "FeedPipeline",
            dependencies: [
                "FeedModel", "FeedHTML", "FeedParsing", "FeedFetching", "ArticleCleaning", "FeedStore", "FeedConfig",
                "FeedRules", "FeedProcess", "FeedExtraction", .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Configuration, scheduler, timers, signals, systemd and logging around the pipeline.
        .target(
            name: "FeedDaemon",
            dependencies: [
                "FeedConfig", "FeedStore", "FeedFetching", "FeedPipeline", "Digest", "FeedNotify", "FeedModel",
                "FeedAPI", .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Executables.
        .executableTarget(
            name: "feedd",
            dependencies: [
                "FeedDaemon", "FeedConfig", "FeedStore", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "feedctl",
            dependencies: [
                "FeedModel", "FeedHTML", "FeedParsing", "FeedFetching", "FeedStore", "FeedConfig", "FeedPipeline",
                "FeedRules", "Digest", "FeedExtraction", "FeedAccess",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "ParseBench", path: "Benchmarks/ParseBench"),
        .executableTarget(name: "StoreBench", dependencies: ["FeedStore", "FeedModel"], path: "Benchmarks/StoreBench"),
        .executableTarget(
            name: "CleanBench",
            dependencies: ["ArticleCleaning", "FeedModel", "FeedParsing", "FeedPipeline", "FeedRules", "FeedStore"],
            path: "Benchmarks/CleanBench"),
        .executableTarget(
            name: "DigestBench", dependencies: ["Digest", "FeedConfig", "FeedModel", "FeedStore"],
            path: "Benchmarks/DigestBench"),
        // Full-text extraction against the labelled pages of Benchmarks/ExtractCorpus (`make bench-extract`).
        .executableTarget(
            name: "ExtractBench", dependencies: ["FeedExtraction"], path: "Benchmarks/ExtractBench"),
        // The fuzzer of the readers of hostile input (`make fuzz`); Fuzzing/README.md.
        .executableTarget(
            name: "FeedFuzz",
            dependencies: [
                "FeedConfig", "FeedModel", "FeedParsing", "FeedExtraction",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Fuzzing/FeedFuzz"),

        // Tests: one target per module, plus end-to-end tests of the built binaries.
        .testTarget(name: "FeedModelTests", dependencies: ["FeedModel"]),
        .testTarget(name: "FeedHTMLTests", dependencies: ["FeedHTML", "TestSupport"]),
        .testTarget(
            name: "FeedParsingTests", dependencies: ["FeedParsing", "FeedHTML", "FeedModel", "TestSupport"],
            exclude: ["Fixtures"]),
        // A loopback HTTP server and other helpers shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "FeedFetchingTests", dependencies: ["FeedFetching", "TestSupport"]),
        .testTarget(name: "FeedConfigTests", dependencies: ["FeedConfig", "FeedRules"]),
        .testTarget(name: "FeedRulesTests", dependencies: ["FeedRules", "FeedModel"]),
        .testTarget(
            name: "FeedExtractionTests", dependencies: ["FeedExtraction", "FeedHTML", "FeedModel", "TestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "FeedProcessTests", dependencies: ["FeedProcess", "TestSupport"]),
        .testTarget(name: "FeedNotifyTests", dependencies: ["FeedNotify", "TestSupport"]),
        .testTarget(
            name: "ArticleCleaningTests", dependencies: ["ArticleCleaning", "FeedHTML", "FeedModel"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "DigestTests",
            dependencies: [
                "Digest", "FeedConfig", "FeedHTML", "FeedStore", "FeedModel", "FeedFetching", "FeedParsing", "CLibXML2",
                "TestSupport",
            ]),
        .testTarget(
            name: "FeedPipelineTests",
            dependencies: [
                "FeedPipeline", "FeedStore", "FeedFetching", "FeedModel", "FeedParsing", "ArticleCleaning",
                "FeedConfig", "TestSupport", .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "FeedDaemonTests",
            dependencies: [
                "FeedDaemon", "FeedConfig", "TestSupport", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "FeedStoreTests",
            dependencies: ["FeedStore", "FeedModel", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Run the built feedctl and feedd (`swift build` first, as `make test` does).
        .testTarget(
            name: "FeedctlTests",
            dependencies: ["TestSupport", "FeedStore", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "FeeddTests", dependencies: ["TestSupport"]),
        .testTarget(name: "FeedAccessTests", dependencies: ["FeedAccess"]),
        .testTarget(
            name: "FeedAPITests",
            dependencies: [
                "FeedAPI", "FeedAccess", "FeedConfig", "FeedModel", "FeedStore", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
