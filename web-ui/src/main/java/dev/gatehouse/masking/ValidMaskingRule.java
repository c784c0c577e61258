package dev.gatehouse.masking;

import dev.gatehouse.proxy.masking.MaskMethod;
import dev.gatehouse.proxy.masking.MaskTarget;

/** A draft that passed validation, with its target and method in the data path's types. */
public record ValidMaskingRule(MaskingRuleDraft draft, MaskTarget target, MaskMethod method) {
}
