// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Coordination",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "coordination-server", targets: ["coordination-server"]),
        .executable(name: "coord", targets: ["coord"]),
        .library(name: "PluginAPI", targets: ["PluginAPI"]),
        .library(name: "CoordinationAPI", targets: ["CoordinationAPI"]),
        .library(name: "CoordinationCore", targets: ["CoordinationCore"]),
        .library(name: "CoordinationTesting", targets: ["CoordinationTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-http2", from: "1.46.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    ],
    targets: [
        // The wire API, generated from proto/ by ops/gen-proto and committed.
        .target(
            name: "CoordinationAPI",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        // The one mapping between the wire's enums and the privacy vocabulary of PluginAPI.
        .target(name: "CoordinationWire", dependencies: ["CoordinationAPI", "PluginAPI"]),
        // The contract between the server and department plugins.
        .target(
            name: "PluginAPI",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")]
        ),
        // Plugin packages: signed files holding a department plugin's manifest, the descriptors of
        // its record types, its rules in a reviewable language, its indicators and migrations.
        .target(
            name: "PluginPackages",
            dependencies: [
                "PluginAPI",
                "CoordinationCore",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Domain values and rules: callers, roles, permissions, departments, jurisdictions.
        .target(
            name: "CoordinationCore",
            dependencies: ["PluginAPI", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Certificate authority: issuing and reading identity certificates.
        .target(
            name: "CoordinationPKI",
            dependencies: [
                "CoordinationCore",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        // PostgreSQL: migrations and stores.
        .target(
            name: "CoordinationStorage",
            dependencies: [
                "CoordinationCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Operations on a deployment: backup and restore.
        .target(
            name: "CoordinationOperations",
            dependencies: [
                "CoordinationCore",
                "CoordinationPKI",
                "CoordinationStorage",
                "DevEnvironment",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The embedded default: a private PostgreSQL cluster and a development CA.
        .target(
            name: "DevEnvironment",
            dependencies: [
                "CoordinationCore",
                "CoordinationPKI",
                "CoordinationStorage",
                "PluginPackages",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The gRPC server: identity interceptor, services, health, lifecycle.
        .target(
            name: "CoordinationServer",
            dependencies: [
                "CoordinationAPI",
                "CoordinationCore",
                "CoordinationPKI",
                "CoordinationStorage",
                "CoordinationWire",
                "PluginAPI",
                "PluginPackages",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "NIOHPACK", package: "swift-nio-http2"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
            ]
        ),
        // A client connection over mutual TLS, shared by the CLI and the tests.
        .target(
            name: "CoordinationClient",
            dependencies: [
                "CoordinationAPI",
                "CoordinationCore",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // A real server for tests: free port, development certificates, fresh migrated databases
        // of a private PostgreSQL cluster.
        .target(
            name: "CoordinationTesting",
            dependencies: [
                "BuiltInPlugins",
                "CoordinationAPI",
                "CoordinationClient",
                "CoordinationCore",
                "CoordinationPKI",
                "CoordinationServer",
                "CoordinationStorage",
                "DevEnvironment",
                "PluginPackages",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Department plugins: each depends only on PluginAPI.
        // The evaluation report (督导评估) as Markdown and as a self-contained HTML page.
        .target(name: "CoordinationReport", dependencies: ["CoordinationCore"]),
        .target(name: "EducationPlugin", dependencies: ["PluginAPI"], path: "Plugins/Education", exclude: ["README.md"]),
        .target(name: "UnionsPlugin", dependencies: ["PluginAPI"], path: "Plugins/Unions", exclude: ["README.md"]),
        .target(name: "CivilAffairsPlugin", dependencies: ["PluginAPI"], path: "Plugins/CivilAffairs", exclude: ["README.md"]),
        .target(name: "PublicSecurityPlugin", dependencies: ["PluginAPI"], path: "Plugins/PublicSecurity", exclude: ["README.md"]),
        .target(name: "WomensFederationPlugin", dependencies: ["PluginAPI"], path: "Plugins/WomensFederation", exclude: ["README.md"]),
        // The plugins the executables are built with.
        .target(name: "BuiltInPlugins", dependencies: ["CoordinationCore", "PublicSecurityPlugin", "WomensFederationPlugin", "EducationPlugin", "UnionsPlugin", "CivilAffairsPlugin"]),
        .executableTarget(
            name: "coordination-server",
            dependencies: [
                "CoordinationServer",
                "CoordinationCore",
                "CoordinationStorage",
                "DevEnvironment",
                "BuiltInPlugins",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
            ]
        ),
        .executableTarget(
            name: "coord",
            dependencies: [
                "CoordinationAPI",
                "CoordinationClient",
                "CoordinationCore",
                "CoordinationOperations",
                "CoordinationPKI",
                "CoordinationReport",
                "CoordinationStorage",
                "CoordinationWire",
                "DevEnvironment",
                "BuiltInPlugins",
                "PluginPackages",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Measures the server (its release binary, in its own process) against its peers in one run:
        // bare gRPC echo over the same mTLS, and pgbench against the same cluster.
        .executableTarget(
            name: "coord-bench",
            dependencies: [
                "CoordinationAPI",
                "CoordinationClient",
                "CoordinationCore",
                "CoordinationOperations",
                "CoordinationServer",
                "CoordinationStorage",
                "DevEnvironment",
                "EducationPlugin",
                "BuiltInPlugins",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        .testTarget(
            name: "CoordinationCoreTests",
            dependencies: [
                "CoordinationCore", "CoordinationPKI", "CoordinationReport", "PluginAPI", "PluginPackages", "EducationPlugin", "UnionsPlugin", "CivilAffairsPlugin",
                "PublicSecurityPlugin", "WomensFederationPlugin", "CoordinationAPI",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "CoordinationAPI",
                "CoordinationClient",
                "CoordinationCore",
                "CoordinationOperations",
                "CoordinationPKI",
                "CoordinationServer",
                "CoordinationStorage",
                "CoordinationTesting",
                "DevEnvironment",
                "EducationPlugin",
                "PublicSecurityPlugin",
                "WomensFederationPlugin",
                "BuiltInPlugins",
                "UnionsPlugin",
                "CivilAffairsPlugin",
                "PluginPackages",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            exclude: ["Support/stream_clients.py"]
        ),
    ]
)
