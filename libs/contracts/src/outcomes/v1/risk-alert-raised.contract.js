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
exports.RiskAlertRaisedV1Contract = exports.RiskAlertRaisedV1Payload = void 0;
const class_validator_1 = require("class-validator");
const contract_1 = require("../../contract");
const vocabulary_1 = require("./vocabulary");
const identifiers_1 = require("../../shared/identifiers");
class RiskAlertRaisedV1Payload {
    alertId;
    responseId;
    episodeId;
    organisationId;
    signal;
    urgency;
    raisedAt;
}
exports.RiskAlertRaisedV1Payload = RiskAlertRaisedV1Payload;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], RiskAlertRaisedV1Payload.prototype, "alertId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], RiskAlertRaisedV1Payload.prototype, "responseId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], RiskAlertRaisedV1Payload.prototype, "episodeId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.ODS_CODE),
    __metadata("design:type", String)
], RiskAlertRaisedV1Payload.prototype, "organisationId", void 0);
__decorate([
    (0, class_validator_1.IsIn)(vocabulary_1.RISK_SIGNALS),
    __metadata("design:type", String)
], RiskAlertRaisedV1Payload.prototype, "signal", void 0);
__decorate([
    (0, class_validator_1.IsIn)(vocabulary_1.RISK_ALERT_URGENCIES),
    __metadata("design:type", String)
], RiskAlertRaisedV1Payload.prototype, "urgency", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], RiskAlertRaisedV1Payload.prototype, "raisedAt", void 0);
exports.RiskAlertRaisedV1Contract = (0, contract_1.defineContract)({
    type: 'outcomes.risk-alert-raised',
    version: 1,
    producer: 'outcomes',
    payload: RiskAlertRaisedV1Payload,
    description: 'A questionnaire answer raised a risk alert for the organisation providing the current step.',
});
//# sourceMappingURL=risk-alert-raised.contract.js.map