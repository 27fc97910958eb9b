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
exports.RiskAlertAcknowledgedV1Contract = exports.RiskAlertAcknowledgedV1Payload = void 0;
const class_validator_1 = require("class-validator");
const contract_1 = require("../../contract");
const vocabulary_1 = require("./vocabulary");
const identifiers_1 = require("../../shared/identifiers");
class RiskAlertAcknowledgedV1Payload {
    alertId;
    episodeId;
    organisationId;
    actionTaken;
    acknowledgedAt;
}
exports.RiskAlertAcknowledgedV1Payload = RiskAlertAcknowledgedV1Payload;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], RiskAlertAcknowledgedV1Payload.prototype, "alertId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], RiskAlertAcknowledgedV1Payload.prototype, "episodeId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.ODS_CODE),
    __metadata("design:type", String)
], RiskAlertAcknowledgedV1Payload.prototype, "organisationId", void 0);
__decorate([
    (0, class_validator_1.IsIn)(vocabulary_1.RISK_ACTIONS),
    __metadata("design:type", String)
], RiskAlertAcknowledgedV1Payload.prototype, "actionTaken", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], RiskAlertAcknowledgedV1Payload.prototype, "acknowledgedAt", void 0);
exports.RiskAlertAcknowledgedV1Contract = (0, contract_1.defineContract)({
    type: 'outcomes.risk-alert-acknowledged',
    version: 1,
    producer: 'outcomes',
    payload: RiskAlertAcknowledgedV1Payload,
    description: 'A clinician acknowledged a risk alert with the action taken.',
});
//# sourceMappingURL=risk-alert-acknowledged.contract.js.map