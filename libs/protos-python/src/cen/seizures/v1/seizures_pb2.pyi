import datetime

from cen.common.v1 import paging_pb2 as _paging_pb2
from google.api import annotations_pb2 as _annotations_pb2
from google.api import field_behavior_pb2 as _field_behavior_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SeizureStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SEIZURE_STATUS_UNSPECIFIED: _ClassVar[SeizureStatus]
    SEIZURE_STATUS_DRAFT: _ClassVar[SeizureStatus]
    SEIZURE_STATUS_SUBMITTED: _ClassVar[SeizureStatus]
    SEIZURE_STATUS_VALIDATED: _ClassVar[SeizureStatus]
    SEIZURE_STATUS_RETURNED: _ClassVar[SeizureStatus]

class SeizureForm(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SEIZURE_FORM_UNSPECIFIED: _ClassVar[SeizureForm]
    SEIZURE_FORM_LONG: _ClassVar[SeizureForm]
    SEIZURE_FORM_SIMPLIFIED: _ClassVar[SeizureForm]

class SearchSort(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SEARCH_SORT_UNSPECIFIED: _ClassVar[SearchSort]
    SEARCH_SORT_RELEVANCE: _ClassVar[SearchSort]
    SEARCH_SORT_DATE_DESC: _ClassVar[SearchSort]
    SEARCH_SORT_DATE_ASC: _ClassVar[SearchSort]
    SEARCH_SORT_QUANTITY_DESC: _ClassVar[SearchSort]
    SEARCH_SORT_UPDATED_DESC: _ClassVar[SearchSort]

class Grain(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GRAIN_UNSPECIFIED: _ClassVar[Grain]
    GRAIN_DAY: _ClassVar[Grain]
    GRAIN_WEEK: _ClassVar[Grain]
    GRAIN_MONTH: _ClassVar[Grain]
    GRAIN_YEAR: _ClassVar[Grain]

class GroupBy(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GROUP_BY_UNSPECIFIED: _ClassVar[GroupBy]
    GROUP_BY_HEADING: _ClassVar[GroupBy]
    GROUP_BY_COMMODITY_TYPE: _ClassVar[GroupBy]
    GROUP_BY_COUNTRY: _ClassVar[GroupBy]
    GROUP_BY_REGION: _ClassVar[GroupBy]
    GROUP_BY_TRANSPORT_MODE: _ClassVar[GroupBy]

class IndicatorKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INDICATOR_KIND_UNSPECIFIED: _ClassVar[IndicatorKind]
    INDICATOR_KIND_ROUTE: _ClassVar[IndicatorKind]
    INDICATOR_KIND_COMMODITY_TYPE: _ClassVar[IndicatorKind]

class FileFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FILE_FORMAT_UNSPECIFIED: _ClassVar[FileFormat]
    FILE_FORMAT_CSV: _ClassVar[FileFormat]
    FILE_FORMAT_XLSX: _ClassVar[FileFormat]
    FILE_FORMAT_JSONL: _ClassVar[FileFormat]

class ImportStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    IMPORT_STATUS_UNSPECIFIED: _ClassVar[ImportStatus]
    IMPORT_STATUS_QUEUED: _ClassVar[ImportStatus]
    IMPORT_STATUS_RUNNING: _ClassVar[ImportStatus]
    IMPORT_STATUS_DONE: _ClassVar[ImportStatus]
    IMPORT_STATUS_FAILED: _ClassVar[ImportStatus]
SEIZURE_STATUS_UNSPECIFIED: SeizureStatus
SEIZURE_STATUS_DRAFT: SeizureStatus
SEIZURE_STATUS_SUBMITTED: SeizureStatus
SEIZURE_STATUS_VALIDATED: SeizureStatus
SEIZURE_STATUS_RETURNED: SeizureStatus
SEIZURE_FORM_UNSPECIFIED: SeizureForm
SEIZURE_FORM_LONG: SeizureForm
SEIZURE_FORM_SIMPLIFIED: SeizureForm
SEARCH_SORT_UNSPECIFIED: SearchSort
SEARCH_SORT_RELEVANCE: SearchSort
SEARCH_SORT_DATE_DESC: SearchSort
SEARCH_SORT_DATE_ASC: SearchSort
SEARCH_SORT_QUANTITY_DESC: SearchSort
SEARCH_SORT_UPDATED_DESC: SearchSort
GRAIN_UNSPECIFIED: Grain
GRAIN_DAY: Grain
GRAIN_WEEK: Grain
GRAIN_MONTH: Grain
GRAIN_YEAR: Grain
GROUP_BY_UNSPECIFIED: GroupBy
GROUP_BY_HEADING: GroupBy
GROUP_BY_COMMODITY_TYPE: GroupBy
GROUP_BY_COUNTRY: GroupBy
GROUP_BY_REGION: GroupBy
GROUP_BY_TRANSPORT_MODE: GroupBy
INDICATOR_KIND_UNSPECIFIED: IndicatorKind
INDICATOR_KIND_ROUTE: IndicatorKind
INDICATOR_KIND_COMMODITY_TYPE: IndicatorKind
FILE_FORMAT_UNSPECIFIED: FileFormat
FILE_FORMAT_CSV: FileFormat
FILE_FORMAT_XLSX: FileFormat
FILE_FORMAT_JSONL: FileFormat
IMPORT_STATUS_UNSPECIFIED: ImportStatus
IMPORT_STATUS_QUEUED: ImportStatus
IMPORT_STATUS_RUNNING: ImportStatus
IMPORT_STATUS_DONE: ImportStatus
IMPORT_STATUS_FAILED: ImportStatus

class GetReferenceDataRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Term(_message.Message):
    __slots__ = ("code", "name")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class Unit(_message.Message):
    __slots__ = ("code", "name", "max_quantity")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    MAX_QUANTITY_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    max_quantity: float
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., max_quantity: _Optional[float] = ...) -> None: ...

class CommodityType(_message.Message):
    __slots__ = ("code", "name", "heading", "default_unit", "hs_code")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    HEADING_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_UNIT_FIELD_NUMBER: _ClassVar[int]
    HS_CODE_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    heading: str
    default_unit: str
    hs_code: str
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., heading: _Optional[str] = ..., default_unit: _Optional[str] = ..., hs_code: _Optional[str] = ...) -> None: ...

class Heading(_message.Message):
    __slots__ = ("code", "name", "commodity_types")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    COMMODITY_TYPES_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    commodity_types: _containers.RepeatedCompositeFieldContainer[CommodityType]
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., commodity_types: _Optional[_Iterable[_Union[CommodityType, _Mapping]]] = ...) -> None: ...

class Region(_message.Message):
    __slots__ = ("code", "name")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class Rilo(_message.Message):
    __slots__ = ("code", "name", "city", "country", "region")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    city: str
    country: str
    region: str
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., city: _Optional[str] = ..., country: _Optional[str] = ..., region: _Optional[str] = ...) -> None: ...

class Country(_message.Message):
    __slots__ = ("code", "name", "wco_member", "region", "rilo", "lat", "lon")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    WCO_MEMBER_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    RILO_FIELD_NUMBER: _ClassVar[int]
    LAT_FIELD_NUMBER: _ClassVar[int]
    LON_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    wco_member: bool
    region: str
    rilo: str
    lat: float
    lon: float
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., wco_member: _Optional[bool] = ..., region: _Optional[str] = ..., rilo: _Optional[str] = ..., lat: _Optional[float] = ..., lon: _Optional[float] = ...) -> None: ...

class ReferenceData(_message.Message):
    __slots__ = ("version", "headings", "regions", "rilos", "countries", "transport_modes", "detection_methods", "concealment_methods", "units", "place_types", "customs_procedures", "directions", "genders", "age_bands", "offender_roles", "cites_appendices", "currencies")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    HEADINGS_FIELD_NUMBER: _ClassVar[int]
    REGIONS_FIELD_NUMBER: _ClassVar[int]
    RILOS_FIELD_NUMBER: _ClassVar[int]
    COUNTRIES_FIELD_NUMBER: _ClassVar[int]
    TRANSPORT_MODES_FIELD_NUMBER: _ClassVar[int]
    DETECTION_METHODS_FIELD_NUMBER: _ClassVar[int]
    CONCEALMENT_METHODS_FIELD_NUMBER: _ClassVar[int]
    UNITS_FIELD_NUMBER: _ClassVar[int]
    PLACE_TYPES_FIELD_NUMBER: _ClassVar[int]
    CUSTOMS_PROCEDURES_FIELD_NUMBER: _ClassVar[int]
    DIRECTIONS_FIELD_NUMBER: _ClassVar[int]
    GENDERS_FIELD_NUMBER: _ClassVar[int]
    AGE_BANDS_FIELD_NUMBER: _ClassVar[int]
    OFFENDER_ROLES_FIELD_NUMBER: _ClassVar[int]
    CITES_APPENDICES_FIELD_NUMBER: _ClassVar[int]
    CURRENCIES_FIELD_NUMBER: _ClassVar[int]
    version: str
    headings: _containers.RepeatedCompositeFieldContainer[Heading]
    regions: _containers.RepeatedCompositeFieldContainer[Region]
    rilos: _containers.RepeatedCompositeFieldContainer[Rilo]
    countries: _containers.RepeatedCompositeFieldContainer[Country]
    transport_modes: _containers.RepeatedCompositeFieldContainer[Term]
    detection_methods: _containers.RepeatedCompositeFieldContainer[Term]
    concealment_methods: _containers.RepeatedCompositeFieldContainer[Term]
    units: _containers.RepeatedCompositeFieldContainer[Unit]
    place_types: _containers.RepeatedCompositeFieldContainer[Term]
    customs_procedures: _containers.RepeatedCompositeFieldContainer[Term]
    directions: _containers.RepeatedCompositeFieldContainer[Term]
    genders: _containers.RepeatedCompositeFieldContainer[Term]
    age_bands: _containers.RepeatedCompositeFieldContainer[Term]
    offender_roles: _containers.RepeatedCompositeFieldContainer[Term]
    cites_appendices: _containers.RepeatedCompositeFieldContainer[Term]
    currencies: _containers.RepeatedCompositeFieldContainer[Term]
    def __init__(self, version: _Optional[str] = ..., headings: _Optional[_Iterable[_Union[Heading, _Mapping]]] = ..., regions: _Optional[_Iterable[_Union[Region, _Mapping]]] = ..., rilos: _Optional[_Iterable[_Union[Rilo, _Mapping]]] = ..., countries: _Optional[_Iterable[_Union[Country, _Mapping]]] = ..., transport_modes: _Optional[_Iterable[_Union[Term, _Mapping]]] = ..., detection_methods: _Optional[_Iterable[_Union[Term, _Mapping]]] = ..., concealment_methods: _Optional[_Iterable[_Union[Term, _Mapping]]] = ..., units: _Optional[_Iterable[_Union[Unit, _Mapping]]] = ..., place_types: _Optional[_Iterable[_Union[Term, _Mapping]]] = ..., customs_procedures: _Optional[_Iterable[_Union[Term, _Mapping]]] = ..., directions: _Optional[_Iterable[_Union[Term, _Mapping]]] = ..., genders: _Optional[_Iterable[_Union[Term, _Mapping]]] = ..., age_bands: _Optional[_Iterable[_Union[Term, _Mapping]]] = ..., offender_roles: _Optional[_Iterable[_Union[Term, _Mapping]]] = ..., cites_appendices: _Optional[_Iterable[_Union[Term, _Mapping]]] = ..., currencies: _Optional[_Iterable[_Union[Term, _Mapping]]] = ...) -> None: ...

class Conveyance(_message.Message):
    __slots__ = ("flight_number", "vessel_name", "vessel_imo", "vehicle_plate", "container_number", "waybill_number")
    FLIGHT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    VESSEL_NAME_FIELD_NUMBER: _ClassVar[int]
    VESSEL_IMO_FIELD_NUMBER: _ClassVar[int]
    VEHICLE_PLATE_FIELD_NUMBER: _ClassVar[int]
    CONTAINER_NUMBER_FIELD_NUMBER: _ClassVar[int]
    WAYBILL_NUMBER_FIELD_NUMBER: _ClassVar[int]
    flight_number: str
    vessel_name: str
    vessel_imo: str
    vehicle_plate: str
    container_number: str
    waybill_number: str
    def __init__(self, flight_number: _Optional[str] = ..., vessel_name: _Optional[str] = ..., vessel_imo: _Optional[str] = ..., vehicle_plate: _Optional[str] = ..., container_number: _Optional[str] = ..., waybill_number: _Optional[str] = ...) -> None: ...

class CommodityLine(_message.Message):
    __slots__ = ("heading", "commodity_type", "hs_code", "quantity", "unit", "estimated_value", "currency", "cites_species", "cites_appendix", "ipr_brand", "description")
    HEADING_FIELD_NUMBER: _ClassVar[int]
    COMMODITY_TYPE_FIELD_NUMBER: _ClassVar[int]
    HS_CODE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_VALUE_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    CITES_SPECIES_FIELD_NUMBER: _ClassVar[int]
    CITES_APPENDIX_FIELD_NUMBER: _ClassVar[int]
    IPR_BRAND_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    heading: str
    commodity_type: str
    hs_code: str
    quantity: float
    unit: str
    estimated_value: float
    currency: str
    cites_species: str
    cites_appendix: str
    ipr_brand: str
    description: str
    def __init__(self, heading: _Optional[str] = ..., commodity_type: _Optional[str] = ..., hs_code: _Optional[str] = ..., quantity: _Optional[float] = ..., unit: _Optional[str] = ..., estimated_value: _Optional[float] = ..., currency: _Optional[str] = ..., cites_species: _Optional[str] = ..., cites_appendix: _Optional[str] = ..., ipr_brand: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class Offender(_message.Message):
    __slots__ = ("nationality", "gender", "age_band", "role")
    NATIONALITY_FIELD_NUMBER: _ClassVar[int]
    GENDER_FIELD_NUMBER: _ClassVar[int]
    AGE_BAND_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    nationality: str
    gender: str
    age_band: str
    role: str
    def __init__(self, nationality: _Optional[str] = ..., gender: _Optional[str] = ..., age_band: _Optional[str] = ..., role: _Optional[str] = ...) -> None: ...

class SeizureInput(_message.Message):
    __slots__ = ("form", "seizure_date", "place_type", "place_name", "locode", "customs_procedure", "direction", "detection_method", "transport_mode", "conveyance", "concealment_method", "concealment_description", "departure_country", "transit_countries", "destination_country", "commodities", "offenders", "narrative", "picture_ids", "external_id", "country")
    FORM_FIELD_NUMBER: _ClassVar[int]
    SEIZURE_DATE_FIELD_NUMBER: _ClassVar[int]
    PLACE_TYPE_FIELD_NUMBER: _ClassVar[int]
    PLACE_NAME_FIELD_NUMBER: _ClassVar[int]
    LOCODE_FIELD_NUMBER: _ClassVar[int]
    CUSTOMS_PROCEDURE_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    DETECTION_METHOD_FIELD_NUMBER: _ClassVar[int]
    TRANSPORT_MODE_FIELD_NUMBER: _ClassVar[int]
    CONVEYANCE_FIELD_NUMBER: _ClassVar[int]
    CONCEALMENT_METHOD_FIELD_NUMBER: _ClassVar[int]
    CONCEALMENT_DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DEPARTURE_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    TRANSIT_COUNTRIES_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    COMMODITIES_FIELD_NUMBER: _ClassVar[int]
    OFFENDERS_FIELD_NUMBER: _ClassVar[int]
    NARRATIVE_FIELD_NUMBER: _ClassVar[int]
    PICTURE_IDS_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_ID_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    form: SeizureForm
    seizure_date: str
    place_type: str
    place_name: str
    locode: str
    customs_procedure: str
    direction: str
    detection_method: str
    transport_mode: str
    conveyance: Conveyance
    concealment_method: str
    concealment_description: str
    departure_country: str
    transit_countries: _containers.RepeatedScalarFieldContainer[str]
    destination_country: str
    commodities: _containers.RepeatedCompositeFieldContainer[CommodityLine]
    offenders: _containers.RepeatedCompositeFieldContainer[Offender]
    narrative: str
    picture_ids: _containers.RepeatedScalarFieldContainer[str]
    external_id: str
    country: str
    def __init__(self, form: _Optional[_Union[SeizureForm, str]] = ..., seizure_date: _Optional[str] = ..., place_type: _Optional[str] = ..., place_name: _Optional[str] = ..., locode: _Optional[str] = ..., customs_procedure: _Optional[str] = ..., direction: _Optional[str] = ..., detection_method: _Optional[str] = ..., transport_mode: _Optional[str] = ..., conveyance: _Optional[_Union[Conveyance, _Mapping]] = ..., concealment_method: _Optional[str] = ..., concealment_description: _Optional[str] = ..., departure_country: _Optional[str] = ..., transit_countries: _Optional[_Iterable[str]] = ..., destination_country: _Optional[str] = ..., commodities: _Optional[_Iterable[_Union[CommodityLine, _Mapping]]] = ..., offenders: _Optional[_Iterable[_Union[Offender, _Mapping]]] = ..., narrative: _Optional[str] = ..., picture_ids: _Optional[_Iterable[str]] = ..., external_id: _Optional[str] = ..., country: _Optional[str] = ...) -> None: ...

class Seizure(_message.Message):
    __slots__ = ("id", "reference", "status", "country", "region", "rilo", "content", "version", "return_reason", "created_by", "created_at", "updated_by", "updated_at", "submitted_at", "validated_at", "validated_by", "possible_duplicates")
    ID_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    RILO_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    RETURN_REASON_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_BY_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    VALIDATED_AT_FIELD_NUMBER: _ClassVar[int]
    VALIDATED_BY_FIELD_NUMBER: _ClassVar[int]
    POSSIBLE_DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    id: str
    reference: str
    status: SeizureStatus
    country: str
    region: str
    rilo: str
    content: SeizureInput
    version: int
    return_reason: str
    created_by: str
    created_at: _timestamp_pb2.Timestamp
    updated_by: str
    updated_at: _timestamp_pb2.Timestamp
    submitted_at: _timestamp_pb2.Timestamp
    validated_at: _timestamp_pb2.Timestamp
    validated_by: str
    possible_duplicates: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, id: _Optional[str] = ..., reference: _Optional[str] = ..., status: _Optional[_Union[SeizureStatus, str]] = ..., country: _Optional[str] = ..., region: _Optional[str] = ..., rilo: _Optional[str] = ..., content: _Optional[_Union[SeizureInput, _Mapping]] = ..., version: _Optional[int] = ..., return_reason: _Optional[str] = ..., created_by: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_by: _Optional[str] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., submitted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., validated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., validated_by: _Optional[str] = ..., possible_duplicates: _Optional[_Iterable[str]] = ...) -> None: ...

class CreateSeizureRequest(_message.Message):
    __slots__ = ("seizure",)
    SEIZURE_FIELD_NUMBER: _ClassVar[int]
    seizure: SeizureInput
    def __init__(self, seizure: _Optional[_Union[SeizureInput, _Mapping]] = ...) -> None: ...

class GetSeizureRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class UpdateSeizureRequest(_message.Message):
    __slots__ = ("id", "version", "seizure")
    ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    SEIZURE_FIELD_NUMBER: _ClassVar[int]
    id: str
    version: int
    seizure: SeizureInput
    def __init__(self, id: _Optional[str] = ..., version: _Optional[int] = ..., seizure: _Optional[_Union[SeizureInput, _Mapping]] = ...) -> None: ...

class DeleteSeizureRequest(_message.Message):
    __slots__ = ("id", "version")
    ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    id: str
    version: int
    def __init__(self, id: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class DeleteSeizureResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SubmitSeizureRequest(_message.Message):
    __slots__ = ("id", "version")
    ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    id: str
    version: int
    def __init__(self, id: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class ValidateSeizureRequest(_message.Message):
    __slots__ = ("id", "version")
    ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    id: str
    version: int
    def __init__(self, id: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class ReturnSeizureRequest(_message.Message):
    __slots__ = ("id", "version", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    version: int
    reason: str
    def __init__(self, id: _Optional[str] = ..., version: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class HistoryEntry(_message.Message):
    __slots__ = ("version", "action", "actor", "occurred_at", "before_json", "after_json", "reason")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    BEFORE_JSON_FIELD_NUMBER: _ClassVar[int]
    AFTER_JSON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    version: int
    action: str
    actor: str
    occurred_at: _timestamp_pb2.Timestamp
    before_json: str
    after_json: str
    reason: str
    def __init__(self, version: _Optional[int] = ..., action: _Optional[str] = ..., actor: _Optional[str] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., before_json: _Optional[str] = ..., after_json: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ListSeizureHistoryRequest(_message.Message):
    __slots__ = ("id", "page")
    ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    id: str
    page: _paging_pb2.PageRequest
    def __init__(self, id: _Optional[str] = ..., page: _Optional[_Union[_paging_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListSeizureHistoryResponse(_message.Message):
    __slots__ = ("entries", "page")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[HistoryEntry]
    page: _paging_pb2.PageResponse
    def __init__(self, entries: _Optional[_Iterable[_Union[HistoryEntry, _Mapping]]] = ..., page: _Optional[_Union[_paging_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class SeizureFilter(_message.Message):
    __slots__ = ("text", "headings", "commodity_types", "countries", "regions", "rilos", "date_from", "date_to", "transport_modes", "detection_methods", "route_countries", "quantity_min", "quantity_max", "quantity_unit", "statuses", "concealment_methods", "departure_country", "destination_country")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    HEADINGS_FIELD_NUMBER: _ClassVar[int]
    COMMODITY_TYPES_FIELD_NUMBER: _ClassVar[int]
    COUNTRIES_FIELD_NUMBER: _ClassVar[int]
    REGIONS_FIELD_NUMBER: _ClassVar[int]
    RILOS_FIELD_NUMBER: _ClassVar[int]
    DATE_FROM_FIELD_NUMBER: _ClassVar[int]
    DATE_TO_FIELD_NUMBER: _ClassVar[int]
    TRANSPORT_MODES_FIELD_NUMBER: _ClassVar[int]
    DETECTION_METHODS_FIELD_NUMBER: _ClassVar[int]
    ROUTE_COUNTRIES_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_MIN_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_MAX_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_UNIT_FIELD_NUMBER: _ClassVar[int]
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    CONCEALMENT_METHODS_FIELD_NUMBER: _ClassVar[int]
    DEPARTURE_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    text: str
    headings: _containers.RepeatedScalarFieldContainer[str]
    commodity_types: _containers.RepeatedScalarFieldContainer[str]
    countries: _containers.RepeatedScalarFieldContainer[str]
    regions: _containers.RepeatedScalarFieldContainer[str]
    rilos: _containers.RepeatedScalarFieldContainer[str]
    date_from: str
    date_to: str
    transport_modes: _containers.RepeatedScalarFieldContainer[str]
    detection_methods: _containers.RepeatedScalarFieldContainer[str]
    route_countries: _containers.RepeatedScalarFieldContainer[str]
    quantity_min: float
    quantity_max: float
    quantity_unit: str
    statuses: _containers.RepeatedScalarFieldContainer[SeizureStatus]
    concealment_methods: _containers.RepeatedScalarFieldContainer[str]
    departure_country: str
    destination_country: str
    def __init__(self, text: _Optional[str] = ..., headings: _Optional[_Iterable[str]] = ..., commodity_types: _Optional[_Iterable[str]] = ..., countries: _Optional[_Iterable[str]] = ..., regions: _Optional[_Iterable[str]] = ..., rilos: _Optional[_Iterable[str]] = ..., date_from: _Optional[str] = ..., date_to: _Optional[str] = ..., transport_modes: _Optional[_Iterable[str]] = ..., detection_methods: _Optional[_Iterable[str]] = ..., route_countries: _Optional[_Iterable[str]] = ..., quantity_min: _Optional[float] = ..., quantity_max: _Optional[float] = ..., quantity_unit: _Optional[str] = ..., statuses: _Optional[_Iterable[_Union[SeizureStatus, str]]] = ..., concealment_methods: _Optional[_Iterable[str]] = ..., departure_country: _Optional[str] = ..., destination_country: _Optional[str] = ...) -> None: ...

class SearchSeizuresRequest(_message.Message):
    __slots__ = ("filter", "sort", "page", "skip_facets")
    FILTER_FIELD_NUMBER: _ClassVar[int]
    SORT_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    SKIP_FACETS_FIELD_NUMBER: _ClassVar[int]
    filter: SeizureFilter
    sort: SearchSort
    page: _paging_pb2.PageRequest
    skip_facets: bool
    def __init__(self, filter: _Optional[_Union[SeizureFilter, _Mapping]] = ..., sort: _Optional[_Union[SearchSort, str]] = ..., page: _Optional[_Union[_paging_pb2.PageRequest, _Mapping]] = ..., skip_facets: _Optional[bool] = ...) -> None: ...

class SeizureSummary(_message.Message):
    __slots__ = ("id", "reference", "status", "country", "seizure_date", "transport_mode", "headings", "commodity_types", "quantity", "unit", "departure_country", "destination_country", "snippet", "concealment_method")
    ID_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    SEIZURE_DATE_FIELD_NUMBER: _ClassVar[int]
    TRANSPORT_MODE_FIELD_NUMBER: _ClassVar[int]
    HEADINGS_FIELD_NUMBER: _ClassVar[int]
    COMMODITY_TYPES_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    DEPARTURE_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    SNIPPET_FIELD_NUMBER: _ClassVar[int]
    CONCEALMENT_METHOD_FIELD_NUMBER: _ClassVar[int]
    id: str
    reference: str
    status: SeizureStatus
    country: str
    seizure_date: str
    transport_mode: str
    headings: _containers.RepeatedScalarFieldContainer[str]
    commodity_types: _containers.RepeatedScalarFieldContainer[str]
    quantity: float
    unit: str
    departure_country: str
    destination_country: str
    snippet: str
    concealment_method: str
    def __init__(self, id: _Optional[str] = ..., reference: _Optional[str] = ..., status: _Optional[_Union[SeizureStatus, str]] = ..., country: _Optional[str] = ..., seizure_date: _Optional[str] = ..., transport_mode: _Optional[str] = ..., headings: _Optional[_Iterable[str]] = ..., commodity_types: _Optional[_Iterable[str]] = ..., quantity: _Optional[float] = ..., unit: _Optional[str] = ..., departure_country: _Optional[str] = ..., destination_country: _Optional[str] = ..., snippet: _Optional[str] = ..., concealment_method: _Optional[str] = ...) -> None: ...

class FacetCount(_message.Message):
    __slots__ = ("value", "count")
    VALUE_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    value: str
    count: int
    def __init__(self, value: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class Facet(_message.Message):
    __slots__ = ("field", "counts")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    COUNTS_FIELD_NUMBER: _ClassVar[int]
    field: str
    counts: _containers.RepeatedCompositeFieldContainer[FacetCount]
    def __init__(self, field: _Optional[str] = ..., counts: _Optional[_Iterable[_Union[FacetCount, _Mapping]]] = ...) -> None: ...

class SearchSeizuresResponse(_message.Message):
    __slots__ = ("seizures", "page", "facets", "estimated")
    SEIZURES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    FACETS_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_FIELD_NUMBER: _ClassVar[int]
    seizures: _containers.RepeatedCompositeFieldContainer[SeizureSummary]
    page: _paging_pb2.PageResponse
    facets: _containers.RepeatedCompositeFieldContainer[Facet]
    estimated: bool
    def __init__(self, seizures: _Optional[_Iterable[_Union[SeizureSummary, _Mapping]]] = ..., page: _Optional[_Union[_paging_pb2.PageResponse, _Mapping]] = ..., facets: _Optional[_Iterable[_Union[Facet, _Mapping]]] = ..., estimated: _Optional[bool] = ...) -> None: ...

class AnalysisScope(_message.Message):
    __slots__ = ("date_from", "date_to", "keys")
    DATE_FROM_FIELD_NUMBER: _ClassVar[int]
    DATE_TO_FIELD_NUMBER: _ClassVar[int]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    date_from: str
    date_to: str
    keys: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, date_from: _Optional[str] = ..., date_to: _Optional[str] = ..., keys: _Optional[_Iterable[str]] = ...) -> None: ...

class QuantityTotal(_message.Message):
    __slots__ = ("unit", "quantity")
    UNIT_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    unit: str
    quantity: float
    def __init__(self, unit: _Optional[str] = ..., quantity: _Optional[float] = ...) -> None: ...

class TrendPoint(_message.Message):
    __slots__ = ("period", "key", "cases", "quantities")
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    CASES_FIELD_NUMBER: _ClassVar[int]
    QUANTITIES_FIELD_NUMBER: _ClassVar[int]
    period: str
    key: str
    cases: int
    quantities: _containers.RepeatedCompositeFieldContainer[QuantityTotal]
    def __init__(self, period: _Optional[str] = ..., key: _Optional[str] = ..., cases: _Optional[int] = ..., quantities: _Optional[_Iterable[_Union[QuantityTotal, _Mapping]]] = ...) -> None: ...

class GetTrendsRequest(_message.Message):
    __slots__ = ("grain", "group_by", "scope", "top")
    GRAIN_FIELD_NUMBER: _ClassVar[int]
    GROUP_BY_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    TOP_FIELD_NUMBER: _ClassVar[int]
    grain: Grain
    group_by: GroupBy
    scope: AnalysisScope
    top: int
    def __init__(self, grain: _Optional[_Union[Grain, str]] = ..., group_by: _Optional[_Union[GroupBy, str]] = ..., scope: _Optional[_Union[AnalysisScope, _Mapping]] = ..., top: _Optional[int] = ...) -> None: ...

class GetTrendsResponse(_message.Message):
    __slots__ = ("points", "keys")
    POINTS_FIELD_NUMBER: _ClassVar[int]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    points: _containers.RepeatedCompositeFieldContainer[TrendPoint]
    keys: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, points: _Optional[_Iterable[_Union[TrendPoint, _Mapping]]] = ..., keys: _Optional[_Iterable[str]] = ...) -> None: ...

class Route(_message.Message):
    __slots__ = ("departure_country", "destination_country", "cases")
    DEPARTURE_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    DESTINATION_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    CASES_FIELD_NUMBER: _ClassVar[int]
    departure_country: str
    destination_country: str
    cases: int
    def __init__(self, departure_country: _Optional[str] = ..., destination_country: _Optional[str] = ..., cases: _Optional[int] = ...) -> None: ...

class GetTopRoutesRequest(_message.Message):
    __slots__ = ("scope", "heading", "top")
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    HEADING_FIELD_NUMBER: _ClassVar[int]
    TOP_FIELD_NUMBER: _ClassVar[int]
    scope: AnalysisScope
    heading: str
    top: int
    def __init__(self, scope: _Optional[_Union[AnalysisScope, _Mapping]] = ..., heading: _Optional[str] = ..., top: _Optional[int] = ...) -> None: ...

class GetTopRoutesResponse(_message.Message):
    __slots__ = ("routes",)
    ROUTES_FIELD_NUMBER: _ClassVar[int]
    routes: _containers.RepeatedCompositeFieldContainer[Route]
    def __init__(self, routes: _Optional[_Iterable[_Union[Route, _Mapping]]] = ...) -> None: ...

class ConcealmentCount(_message.Message):
    __slots__ = ("transport_mode", "concealment_method", "cases")
    TRANSPORT_MODE_FIELD_NUMBER: _ClassVar[int]
    CONCEALMENT_METHOD_FIELD_NUMBER: _ClassVar[int]
    CASES_FIELD_NUMBER: _ClassVar[int]
    transport_mode: str
    concealment_method: str
    cases: int
    def __init__(self, transport_mode: _Optional[str] = ..., concealment_method: _Optional[str] = ..., cases: _Optional[int] = ...) -> None: ...

class GetConcealmentByTransportModeRequest(_message.Message):
    __slots__ = ("scope",)
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    scope: AnalysisScope
    def __init__(self, scope: _Optional[_Union[AnalysisScope, _Mapping]] = ...) -> None: ...

class GetConcealmentByTransportModeResponse(_message.Message):
    __slots__ = ("counts",)
    COUNTS_FIELD_NUMBER: _ClassVar[int]
    counts: _containers.RepeatedCompositeFieldContainer[ConcealmentCount]
    def __init__(self, counts: _Optional[_Iterable[_Union[ConcealmentCount, _Mapping]]] = ...) -> None: ...

class KeyCount(_message.Message):
    __slots__ = ("key", "cases")
    KEY_FIELD_NUMBER: _ClassVar[int]
    CASES_FIELD_NUMBER: _ClassVar[int]
    key: str
    cases: int
    def __init__(self, key: _Optional[str] = ..., cases: _Optional[int] = ...) -> None: ...

class GetProfileRequest(_message.Message):
    __slots__ = ("country", "region", "scope")
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    country: str
    region: str
    scope: AnalysisScope
    def __init__(self, country: _Optional[str] = ..., region: _Optional[str] = ..., scope: _Optional[_Union[AnalysisScope, _Mapping]] = ...) -> None: ...

class Profile(_message.Message):
    __slots__ = ("country", "region", "cases", "headings", "transport_modes", "routes", "monthly")
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    CASES_FIELD_NUMBER: _ClassVar[int]
    HEADINGS_FIELD_NUMBER: _ClassVar[int]
    TRANSPORT_MODES_FIELD_NUMBER: _ClassVar[int]
    ROUTES_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_FIELD_NUMBER: _ClassVar[int]
    country: str
    region: str
    cases: int
    headings: _containers.RepeatedCompositeFieldContainer[KeyCount]
    transport_modes: _containers.RepeatedCompositeFieldContainer[KeyCount]
    routes: _containers.RepeatedCompositeFieldContainer[Route]
    monthly: _containers.RepeatedCompositeFieldContainer[TrendPoint]
    def __init__(self, country: _Optional[str] = ..., region: _Optional[str] = ..., cases: _Optional[int] = ..., headings: _Optional[_Iterable[_Union[KeyCount, _Mapping]]] = ..., transport_modes: _Optional[_Iterable[_Union[KeyCount, _Mapping]]] = ..., routes: _Optional[_Iterable[_Union[Route, _Mapping]]] = ..., monthly: _Optional[_Iterable[_Union[TrendPoint, _Mapping]]] = ...) -> None: ...

class RiskIndicator(_message.Message):
    __slots__ = ("kind", "key", "period", "cases", "baseline_mean", "baseline_stddev", "baseline_months", "score", "ratio")
    KIND_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    CASES_FIELD_NUMBER: _ClassVar[int]
    BASELINE_MEAN_FIELD_NUMBER: _ClassVar[int]
    BASELINE_STDDEV_FIELD_NUMBER: _ClassVar[int]
    BASELINE_MONTHS_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    RATIO_FIELD_NUMBER: _ClassVar[int]
    kind: IndicatorKind
    key: str
    period: str
    cases: int
    baseline_mean: float
    baseline_stddev: float
    baseline_months: int
    score: float
    ratio: float
    def __init__(self, kind: _Optional[_Union[IndicatorKind, str]] = ..., key: _Optional[str] = ..., period: _Optional[str] = ..., cases: _Optional[int] = ..., baseline_mean: _Optional[float] = ..., baseline_stddev: _Optional[float] = ..., baseline_months: _Optional[int] = ..., score: _Optional[float] = ..., ratio: _Optional[float] = ...) -> None: ...

class GetRiskIndicatorsRequest(_message.Message):
    __slots__ = ("month", "baseline_months", "min_score", "min_cases")
    MONTH_FIELD_NUMBER: _ClassVar[int]
    BASELINE_MONTHS_FIELD_NUMBER: _ClassVar[int]
    MIN_SCORE_FIELD_NUMBER: _ClassVar[int]
    MIN_CASES_FIELD_NUMBER: _ClassVar[int]
    month: str
    baseline_months: int
    min_score: float
    min_cases: int
    def __init__(self, month: _Optional[str] = ..., baseline_months: _Optional[int] = ..., min_score: _Optional[float] = ..., min_cases: _Optional[int] = ...) -> None: ...

class GetRiskIndicatorsResponse(_message.Message):
    __slots__ = ("period", "indicators")
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    INDICATORS_FIELD_NUMBER: _ClassVar[int]
    period: str
    indicators: _containers.RepeatedCompositeFieldContainer[RiskIndicator]
    def __init__(self, period: _Optional[str] = ..., indicators: _Optional[_Iterable[_Union[RiskIndicator, _Mapping]]] = ...) -> None: ...

class GetCountryCountsRequest(_message.Message):
    __slots__ = ("scope", "heading")
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    HEADING_FIELD_NUMBER: _ClassVar[int]
    scope: AnalysisScope
    heading: str
    def __init__(self, scope: _Optional[_Union[AnalysisScope, _Mapping]] = ..., heading: _Optional[str] = ...) -> None: ...

class CountryCount(_message.Message):
    __slots__ = ("country", "cases")
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    CASES_FIELD_NUMBER: _ClassVar[int]
    country: str
    cases: int
    def __init__(self, country: _Optional[str] = ..., cases: _Optional[int] = ...) -> None: ...

class GetCountryCountsResponse(_message.Message):
    __slots__ = ("counts", "geojson")
    COUNTS_FIELD_NUMBER: _ClassVar[int]
    GEOJSON_FIELD_NUMBER: _ClassVar[int]
    counts: _containers.RepeatedCompositeFieldContainer[CountryCount]
    geojson: str
    def __init__(self, counts: _Optional[_Iterable[_Union[CountryCount, _Mapping]]] = ..., geojson: _Optional[str] = ...) -> None: ...

class WatchCriteria(_message.Message):
    __slots__ = ("filter", "container_numbers", "vessel_imos", "flight_numbers", "vehicle_plates")
    FILTER_FIELD_NUMBER: _ClassVar[int]
    CONTAINER_NUMBERS_FIELD_NUMBER: _ClassVar[int]
    VESSEL_IMOS_FIELD_NUMBER: _ClassVar[int]
    FLIGHT_NUMBERS_FIELD_NUMBER: _ClassVar[int]
    VEHICLE_PLATES_FIELD_NUMBER: _ClassVar[int]
    filter: SeizureFilter
    container_numbers: _containers.RepeatedScalarFieldContainer[str]
    vessel_imos: _containers.RepeatedScalarFieldContainer[str]
    flight_numbers: _containers.RepeatedScalarFieldContainer[str]
    vehicle_plates: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, filter: _Optional[_Union[SeizureFilter, _Mapping]] = ..., container_numbers: _Optional[_Iterable[str]] = ..., vessel_imos: _Optional[_Iterable[str]] = ..., flight_numbers: _Optional[_Iterable[str]] = ..., vehicle_plates: _Optional[_Iterable[str]] = ...) -> None: ...

class WatchList(_message.Message):
    __slots__ = ("id", "name", "criteria", "created_at", "hit_count")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CRITERIA_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    HIT_COUNT_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    criteria: WatchCriteria
    created_at: _timestamp_pb2.Timestamp
    hit_count: int
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., criteria: _Optional[_Union[WatchCriteria, _Mapping]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., hit_count: _Optional[int] = ...) -> None: ...

class CreateWatchListRequest(_message.Message):
    __slots__ = ("name", "criteria")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CRITERIA_FIELD_NUMBER: _ClassVar[int]
    name: str
    criteria: WatchCriteria
    def __init__(self, name: _Optional[str] = ..., criteria: _Optional[_Union[WatchCriteria, _Mapping]] = ...) -> None: ...

class ListWatchListsRequest(_message.Message):
    __slots__ = ("page",)
    PAGE_FIELD_NUMBER: _ClassVar[int]
    page: _paging_pb2.PageRequest
    def __init__(self, page: _Optional[_Union[_paging_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListWatchListsResponse(_message.Message):
    __slots__ = ("watch_lists", "page")
    WATCH_LISTS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    watch_lists: _containers.RepeatedCompositeFieldContainer[WatchList]
    page: _paging_pb2.PageResponse
    def __init__(self, watch_lists: _Optional[_Iterable[_Union[WatchList, _Mapping]]] = ..., page: _Optional[_Union[_paging_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class DeleteWatchListRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class DeleteWatchListResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class WatchListHit(_message.Message):
    __slots__ = ("id", "watch_list_id", "watch_list_name", "seizure_id", "reference", "seizure_version", "created_at", "mailed_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    WATCH_LIST_ID_FIELD_NUMBER: _ClassVar[int]
    WATCH_LIST_NAME_FIELD_NUMBER: _ClassVar[int]
    SEIZURE_ID_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    SEIZURE_VERSION_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    MAILED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    watch_list_id: str
    watch_list_name: str
    seizure_id: str
    reference: str
    seizure_version: int
    created_at: _timestamp_pb2.Timestamp
    mailed_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., watch_list_id: _Optional[str] = ..., watch_list_name: _Optional[str] = ..., seizure_id: _Optional[str] = ..., reference: _Optional[str] = ..., seizure_version: _Optional[int] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., mailed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListWatchListHitsRequest(_message.Message):
    __slots__ = ("watch_list_id", "page")
    WATCH_LIST_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    watch_list_id: str
    page: _paging_pb2.PageRequest
    def __init__(self, watch_list_id: _Optional[str] = ..., page: _Optional[_Union[_paging_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListWatchListHitsResponse(_message.Message):
    __slots__ = ("hits", "page")
    HITS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    hits: _containers.RepeatedCompositeFieldContainer[WatchListHit]
    page: _paging_pb2.PageResponse
    def __init__(self, hits: _Optional[_Iterable[_Union[WatchListHit, _Mapping]]] = ..., page: _Optional[_Union[_paging_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class ImportMetadata(_message.Message):
    __slots__ = ("filename", "format", "layout", "submit")
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    LAYOUT_FIELD_NUMBER: _ClassVar[int]
    SUBMIT_FIELD_NUMBER: _ClassVar[int]
    filename: str
    format: FileFormat
    layout: SeizureForm
    submit: bool
    def __init__(self, filename: _Optional[str] = ..., format: _Optional[_Union[FileFormat, str]] = ..., layout: _Optional[_Union[SeizureForm, str]] = ..., submit: _Optional[bool] = ...) -> None: ...

class UploadImportRequest(_message.Message):
    __slots__ = ("metadata", "chunk")
    METADATA_FIELD_NUMBER: _ClassVar[int]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    metadata: ImportMetadata
    chunk: bytes
    def __init__(self, metadata: _Optional[_Union[ImportMetadata, _Mapping]] = ..., chunk: _Optional[bytes] = ...) -> None: ...

class ImportJob(_message.Message):
    __slots__ = ("id", "filename", "format", "layout", "status", "country", "created_by", "created_at", "finished_at", "rows_total", "rows_done", "rows_imported", "rows_unchanged", "rows_rejected", "failure", "size_bytes")
    ID_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    LAYOUT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    FINISHED_AT_FIELD_NUMBER: _ClassVar[int]
    ROWS_TOTAL_FIELD_NUMBER: _ClassVar[int]
    ROWS_DONE_FIELD_NUMBER: _ClassVar[int]
    ROWS_IMPORTED_FIELD_NUMBER: _ClassVar[int]
    ROWS_UNCHANGED_FIELD_NUMBER: _ClassVar[int]
    ROWS_REJECTED_FIELD_NUMBER: _ClassVar[int]
    FAILURE_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    id: str
    filename: str
    format: FileFormat
    layout: SeizureForm
    status: ImportStatus
    country: str
    created_by: str
    created_at: _timestamp_pb2.Timestamp
    finished_at: _timestamp_pb2.Timestamp
    rows_total: int
    rows_done: int
    rows_imported: int
    rows_unchanged: int
    rows_rejected: int
    failure: str
    size_bytes: int
    def __init__(self, id: _Optional[str] = ..., filename: _Optional[str] = ..., format: _Optional[_Union[FileFormat, str]] = ..., layout: _Optional[_Union[SeizureForm, str]] = ..., status: _Optional[_Union[ImportStatus, str]] = ..., country: _Optional[str] = ..., created_by: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., finished_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., rows_total: _Optional[int] = ..., rows_done: _Optional[int] = ..., rows_imported: _Optional[int] = ..., rows_unchanged: _Optional[int] = ..., rows_rejected: _Optional[int] = ..., failure: _Optional[str] = ..., size_bytes: _Optional[int] = ...) -> None: ...

class GetImportJobRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class ListImportJobsRequest(_message.Message):
    __slots__ = ("page",)
    PAGE_FIELD_NUMBER: _ClassVar[int]
    page: _paging_pb2.PageRequest
    def __init__(self, page: _Optional[_Union[_paging_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListImportJobsResponse(_message.Message):
    __slots__ = ("jobs", "page")
    JOBS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    jobs: _containers.RepeatedCompositeFieldContainer[ImportJob]
    page: _paging_pb2.PageResponse
    def __init__(self, jobs: _Optional[_Iterable[_Union[ImportJob, _Mapping]]] = ..., page: _Optional[_Union[_paging_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class ImportError(_message.Message):
    __slots__ = ("line", "column", "reason")
    LINE_FIELD_NUMBER: _ClassVar[int]
    COLUMN_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    line: int
    column: str
    reason: str
    def __init__(self, line: _Optional[int] = ..., column: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ListImportErrorsRequest(_message.Message):
    __slots__ = ("id", "page")
    ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    id: str
    page: _paging_pb2.PageRequest
    def __init__(self, id: _Optional[str] = ..., page: _Optional[_Union[_paging_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class ListImportErrorsResponse(_message.Message):
    __slots__ = ("errors", "page")
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    errors: _containers.RepeatedCompositeFieldContainer[ImportError]
    page: _paging_pb2.PageResponse
    def __init__(self, errors: _Optional[_Iterable[_Union[ImportError, _Mapping]]] = ..., page: _Optional[_Union[_paging_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class GetImportTemplateRequest(_message.Message):
    __slots__ = ("layout", "format")
    LAYOUT_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    layout: SeizureForm
    format: FileFormat
    def __init__(self, layout: _Optional[_Union[SeizureForm, str]] = ..., format: _Optional[_Union[FileFormat, str]] = ...) -> None: ...

class FileChunk(_message.Message):
    __slots__ = ("filename", "content_type", "data")
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    filename: str
    content_type: str
    data: bytes
    def __init__(self, filename: _Optional[str] = ..., content_type: _Optional[str] = ..., data: _Optional[bytes] = ...) -> None: ...

class ExportSeizuresRequest(_message.Message):
    __slots__ = ("filter", "sort", "format")
    FILTER_FIELD_NUMBER: _ClassVar[int]
    SORT_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    filter: SeizureFilter
    sort: SearchSort
    format: FileFormat
    def __init__(self, filter: _Optional[_Union[SeizureFilter, _Mapping]] = ..., sort: _Optional[_Union[SearchSort, str]] = ..., format: _Optional[_Union[FileFormat, str]] = ...) -> None: ...
