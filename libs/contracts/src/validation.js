"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.validateContractData = validateContractData;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
/**
 * Validates `data` against a contract's payload class. Unknown properties are problems: a payload carries
 * exactly the published fields, which also keeps personal data from slipping in beside them.
 */
function validateContractData(contract, data) {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
        return { ok: false, problems: ['data: must be a JSON object'] };
    }
    const instance = (0, class_transformer_1.plainToInstance)(contract.payload, data, { enableImplicitConversion: false });
    const errors = (0, class_validator_1.validateSync)(instance, {
        whitelist: true,
        forbidNonWhitelisted: true,
        forbidUnknownValues: true,
        validationError: { target: false, value: false },
    });
    if (errors.length === 0)
        return { ok: true };
    return { ok: false, problems: flatten(errors, 'data') };
}
function flatten(errors, path) {
    const problems = [];
    for (const error of errors) {
        const at = `${path}.${error.property}`;
        for (const message of Object.values(error.constraints ?? {}))
            problems.push(`${at}: ${message}`);
        if (error.children?.length)
            problems.push(...flatten(error.children, at));
    }
    return problems;
}
//# sourceMappingURL=validation.js.map