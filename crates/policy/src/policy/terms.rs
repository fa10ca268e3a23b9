//! The fixed vocabulary of requests and policy files.

use crate::choice;

choice! {
    /// The insurance scheme a person is enrolled in.
    pub enum Scheme {
        Resident = "resident", "城乡居民医保", "urban and rural residents' insurance";
        UrbanResident = "urban_resident", "城镇居民医保", "urban residents' insurance";
        Ncms = "ncms", "新农合", "new rural co-operative medical scheme";
        Employee = "employee", "职工医保（在职）", "employees' insurance (working)";
        Retiree = "retiree", "职工医保（退休）", "employees' insurance (retired)";
    }
}

choice! {
    /// Who the person is, for the layers that treat groups differently.
    pub enum Category {
        Ordinary = "ordinary", "普通参保人", "ordinary insured person";
        RegisteredPoor = "registered_poor", "建档立卡贫困人口", "registered poor household member";
        ExtremePoor = "extreme_poor", "特困人员", "destitute person (state-supported)";
        Dibao = "dibao", "低保对象", "minimum-living-guarantee (dibao) recipient";
        LowIncome = "low_income", "低收入家庭成员", "low-income family member";
        IllnessPoor = "illness_poor", "因病致贫人员", "impoverished by illness";
    }
}

choice! {
    /// Where the stay is. Each policy version names its levels in its own words
    /// (一级/二级/三级, 县外, 区级, …).
    pub enum Level {
        Township = "township", "乡镇（一级）医院", "township (level 1) hospital";
        County = "county", "县级（二级）医院", "county (level 2) hospital";
        City = "city", "市级（三级）医院", "city (level 3) hospital";
        Province = "province", "省级医院", "provincial hospital";
        Outside = "outside", "统筹区外医院", "hospital outside the pooling area";
    }
}

choice! {
    /// What the supplementary layer pays on.
    pub enum SupplementaryBase {
        AfterCriticalIllness = "after_critical_illness", "基本医保和大病保险报销后的合规自付费用",
            "compliant self-pay left after basic and critical-illness insurance";
        AfterMedicalAssistance = "after_medical_assistance", "基本医保、大病保险和医疗救助之后的合规自付费用",
            "compliant self-pay left after basic, critical-illness insurance and medical assistance";
        SelfPayAfterMedicalAssistance = "self_pay_after_medical_assistance", "基本医保、大病保险和医疗救助之后的自付医药费用（含目录外）",
            "all self-pay (out-of-policy cost included) left after basic, critical-illness insurance and medical assistance";
    }
}

choice! {
    /// Where a person was treated, as care away from home is paid differently.
    pub enum Setting {
        Local = "local", "本地就医", "treated locally";
        Referred = "referred", "转诊转院（已办转诊）", "referred elsewhere (with a referral)";
        ElsewhereRegistered = "elsewhere_registered", "异地就医（已备案）", "treated elsewhere, registered";
        ElsewhereUnregistered = "elsewhere_unregistered", "异地就医（未备案）", "treated elsewhere without registering";
    }
}

choice! {
    /// Kinds of outpatient care a year's costs are given for.
    pub enum OutpatientKind {
        General = "general", "普通门诊", "general outpatient care";
        Chronic = "chronic", "门诊慢性病", "outpatient care for a chronic disease";
        Special = "special", "门诊特殊病", "outpatient care for a special disease";
    }
}

choice! {
    /// How a tilt's lower threshold moves the critical-illness segments.
    pub enum SegmentBounds {
        Fixed = "fixed", "分段上限不变", "segment bounds stay where they are";
        Shifted = "shifted", "分段上限随起付线一起降低", "segment bounds move down with the threshold";
    }
}
