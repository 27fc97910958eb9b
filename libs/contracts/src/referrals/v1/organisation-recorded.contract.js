"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.OrganisationRecordedV1Contract = exports.OrganisationRecordedV1Payload = exports.REGISTRY_ORGANISATION_TYPES = void 0;
const class_validator_1 = require("class-validator");
const contract_1 = require("../../contract");
const identifiers_1 = require("../../shared/identifiers");
/** Organisation types of the registry (the access policy's vocabulary). */
exports.REGISTRY_ORGANISATION_TYPES = [
    'gp-practice',
    'talking-therapies',
    'psychotherapy-consultation',
    'secondary-care',
    'crisis-team',
    'voluntary-sector',
    'commissioner',
    'audit',
];
class OrganisationRecordedV1Payload {
    code;
    name;
    organisationType;
    change;
    recordedAt;
}
exports.OrganisationRecordedV1Payload = OrganisationRecordedV1Payload;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.ODS_CODE),
    __metadata("design:type", String)
], OrganisationRecordedV1Payload.prototype, "code", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(1, 200),
    __metadata("design:type", String)
], OrganisationRecordedV1Payload.prototype, "name", void 0);
__decorate([
    (0, class_validator_1.IsIn)(exports.REGISTRY_ORGANISATION_TYPES),
    __metadata("design:type", String)
], OrganisationRecordedV1Payload.prototype, "organisationType", void 0);
__decorate([
    (0, class_validator_1.IsIn)(['registered', 'changed']),
    __metadata("design:type", String)
], OrganisationRecordedV1Payload.prototype, "change", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], OrganisationRecordedV1Payload.prototype, "recordedAt", void 0);
exports.OrganisationRecordedV1Contract = (0, contract_1.defineContract)({
    type: 'referrals.organisation-recorded',
    version: 1,
    producer: 'referrals',
    payload: OrganisationRecordedV1Payload,
    description: 'An organisation was registered on the platform or changed (code, name, type): the organisation registry.',
});
//# sourceMappingURL=organisation-recorded.contract.js.map