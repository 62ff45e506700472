import CoordinationAPI
import CoordinationCore

extension Department {
    /// The wire form.
    var proto: Directory_Department {
        .with {
            $0.code = code
            $0.nameZh = nameZh
            $0.nameEn = nameEn
            $0.jurisdictionCode = jurisdictionCode
            $0.disabled = disabledReason != nil
            $0.disabledReason = disabledReason ?? ""
        }
    }

    /// The domain form of a wire department (validated by ``DirectoryRules``, not here).
    init(_ proto: Directory_Department) {
        self.init(code: proto.code, nameZh: proto.nameZh, nameEn: proto.nameEn, jurisdictionCode: proto.jurisdictionCode)
    }
}

extension Jurisdiction {
    /// The wire form.
    var proto: Directory_Jurisdiction {
        .with {
            $0.code = code
            $0.nameZh = nameZh
            $0.nameEn = nameEn
            $0.level = Directory_JurisdictionLevel(rawValue: level.rawValue) ?? .unspecified
            $0.parentCode = parentCode ?? ""
        }
    }

    /// The domain form of a wire jurisdiction; the level must be set.
    init(_ proto: Directory_Jurisdiction, field: String) throws(CoordinationError) {
        guard let level = JurisdictionLevel(rawValue: proto.level.rawValue) else {
            throw .invalidArgument(field: "\(field).level", "must be one of province, city, county, township, community")
        }
        self.init(
            code: proto.code, nameZh: proto.nameZh, nameEn: proto.nameEn, level: level,
            parentCode: proto.parentCode.isEmpty ? nil : proto.parentCode)
    }
}
