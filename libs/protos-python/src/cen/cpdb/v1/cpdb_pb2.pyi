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

class PictureKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PICTURE_KIND_UNSPECIFIED: _ClassVar[PictureKind]
    PICTURE_KIND_PHOTO: _ClassVar[PictureKind]
    PICTURE_KIND_XRAY: _ClassVar[PictureKind]

class PictureStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PICTURE_STATUS_UNSPECIFIED: _ClassVar[PictureStatus]
    PICTURE_STATUS_PENDING: _ClassVar[PictureStatus]
    PICTURE_STATUS_READY: _ClassVar[PictureStatus]
    PICTURE_STATUS_REJECTED: _ClassVar[PictureStatus]
    PICTURE_STATUS_WITHDRAWN: _ClassVar[PictureStatus]

class PictureSort(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PICTURE_SORT_UNSPECIFIED: _ClassVar[PictureSort]
    PICTURE_SORT_NEWEST: _ClassVar[PictureSort]
    PICTURE_SORT_OLDEST: _ClassVar[PictureSort]
    PICTURE_SORT_TITLE: _ClassVar[PictureSort]
PICTURE_KIND_UNSPECIFIED: PictureKind
PICTURE_KIND_PHOTO: PictureKind
PICTURE_KIND_XRAY: PictureKind
PICTURE_STATUS_UNSPECIFIED: PictureStatus
PICTURE_STATUS_PENDING: PictureStatus
PICTURE_STATUS_READY: PictureStatus
PICTURE_STATUS_REJECTED: PictureStatus
PICTURE_STATUS_WITHDRAWN: PictureStatus
PICTURE_SORT_UNSPECIFIED: PictureSort
PICTURE_SORT_NEWEST: PictureSort
PICTURE_SORT_OLDEST: PictureSort
PICTURE_SORT_TITLE: PictureSort

class GetPictureReferenceRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Code(_message.Message):
    __slots__ = ("code", "name", "parent")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    parent: str
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., parent: _Optional[str] = ...) -> None: ...

class PictureReference(_message.Message):
    __slots__ = ("version", "headings", "commodity_types", "concealment_methods", "transport_modes", "countries")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    HEADINGS_FIELD_NUMBER: _ClassVar[int]
    COMMODITY_TYPES_FIELD_NUMBER: _ClassVar[int]
    CONCEALMENT_METHODS_FIELD_NUMBER: _ClassVar[int]
    TRANSPORT_MODES_FIELD_NUMBER: _ClassVar[int]
    COUNTRIES_FIELD_NUMBER: _ClassVar[int]
    version: str
    headings: _containers.RepeatedCompositeFieldContainer[Code]
    commodity_types: _containers.RepeatedCompositeFieldContainer[Code]
    concealment_methods: _containers.RepeatedCompositeFieldContainer[Code]
    transport_modes: _containers.RepeatedCompositeFieldContainer[Code]
    countries: _containers.RepeatedCompositeFieldContainer[Code]
    def __init__(self, version: _Optional[str] = ..., headings: _Optional[_Iterable[_Union[Code, _Mapping]]] = ..., commodity_types: _Optional[_Iterable[_Union[Code, _Mapping]]] = ..., concealment_methods: _Optional[_Iterable[_Union[Code, _Mapping]]] = ..., transport_modes: _Optional[_Iterable[_Union[Code, _Mapping]]] = ..., countries: _Optional[_Iterable[_Union[Code, _Mapping]]] = ...) -> None: ...

class PictureDetails(_message.Message):
    __slots__ = ("kind", "title", "description", "heading", "commodity_type", "concealment_method", "transport_mode", "country", "case_id", "tags")
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    HEADING_FIELD_NUMBER: _ClassVar[int]
    COMMODITY_TYPE_FIELD_NUMBER: _ClassVar[int]
    CONCEALMENT_METHOD_FIELD_NUMBER: _ClassVar[int]
    TRANSPORT_MODE_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    kind: PictureKind
    title: str
    description: str
    heading: str
    commodity_type: str
    concealment_method: str
    transport_mode: str
    country: str
    case_id: str
    tags: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, kind: _Optional[_Union[PictureKind, str]] = ..., title: _Optional[str] = ..., description: _Optional[str] = ..., heading: _Optional[str] = ..., commodity_type: _Optional[str] = ..., concealment_method: _Optional[str] = ..., transport_mode: _Optional[str] = ..., country: _Optional[str] = ..., case_id: _Optional[str] = ..., tags: _Optional[_Iterable[str]] = ...) -> None: ...

class UploadDetails(_message.Message):
    __slots__ = ("picture", "filename")
    PICTURE_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    picture: PictureDetails
    filename: str
    def __init__(self, picture: _Optional[_Union[PictureDetails, _Mapping]] = ..., filename: _Optional[str] = ...) -> None: ...

class UploadPictureRequest(_message.Message):
    __slots__ = ("details", "chunk")
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    details: UploadDetails
    chunk: bytes
    def __init__(self, details: _Optional[_Union[UploadDetails, _Mapping]] = ..., chunk: _Optional[bytes] = ...) -> None: ...

class PictureLinks(_message.Message):
    __slots__ = ("thumbnail_url", "preview_url", "original_url", "expires_at")
    THUMBNAIL_URL_FIELD_NUMBER: _ClassVar[int]
    PREVIEW_URL_FIELD_NUMBER: _ClassVar[int]
    ORIGINAL_URL_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    thumbnail_url: str
    preview_url: str
    original_url: str
    expires_at: _timestamp_pb2.Timestamp
    def __init__(self, thumbnail_url: _Optional[str] = ..., preview_url: _Optional[str] = ..., original_url: _Optional[str] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Picture(_message.Message):
    __slots__ = ("id", "kind", "title", "description", "heading", "commodity_type", "concealment_method", "transport_mode", "country", "case_id", "case_reference", "tags", "uploaded_by", "uploader_country", "status", "status_reason", "width", "height", "media_type", "size_bytes", "sha256", "created_at", "processed_at", "links", "duplicate_ids")
    ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    HEADING_FIELD_NUMBER: _ClassVar[int]
    COMMODITY_TYPE_FIELD_NUMBER: _ClassVar[int]
    CONCEALMENT_METHOD_FIELD_NUMBER: _ClassVar[int]
    TRANSPORT_MODE_FIELD_NUMBER: _ClassVar[int]
    COUNTRY_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    CASE_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    UPLOADED_BY_FIELD_NUMBER: _ClassVar[int]
    UPLOADER_COUNTRY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_REASON_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    MEDIA_TYPE_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    PROCESSED_AT_FIELD_NUMBER: _ClassVar[int]
    LINKS_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_IDS_FIELD_NUMBER: _ClassVar[int]
    id: str
    kind: PictureKind
    title: str
    description: str
    heading: str
    commodity_type: str
    concealment_method: str
    transport_mode: str
    country: str
    case_id: str
    case_reference: str
    tags: _containers.RepeatedScalarFieldContainer[str]
    uploaded_by: str
    uploader_country: str
    status: PictureStatus
    status_reason: str
    width: int
    height: int
    media_type: str
    size_bytes: int
    sha256: str
    created_at: _timestamp_pb2.Timestamp
    processed_at: _timestamp_pb2.Timestamp
    links: PictureLinks
    duplicate_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, id: _Optional[str] = ..., kind: _Optional[_Union[PictureKind, str]] = ..., title: _Optional[str] = ..., description: _Optional[str] = ..., heading: _Optional[str] = ..., commodity_type: _Optional[str] = ..., concealment_method: _Optional[str] = ..., transport_mode: _Optional[str] = ..., country: _Optional[str] = ..., case_id: _Optional[str] = ..., case_reference: _Optional[str] = ..., tags: _Optional[_Iterable[str]] = ..., uploaded_by: _Optional[str] = ..., uploader_country: _Optional[str] = ..., status: _Optional[_Union[PictureStatus, str]] = ..., status_reason: _Optional[str] = ..., width: _Optional[int] = ..., height: _Optional[int] = ..., media_type: _Optional[str] = ..., size_bytes: _Optional[int] = ..., sha256: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., processed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., links: _Optional[_Union[PictureLinks, _Mapping]] = ..., duplicate_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class GetPictureRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class PictureFilter(_message.Message):
    __slots__ = ("text", "kinds", "headings", "commodity_types", "concealment_methods", "transport_modes", "countries", "tags", "uploaded_from", "uploaded_to", "mine", "case_id")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    KINDS_FIELD_NUMBER: _ClassVar[int]
    HEADINGS_FIELD_NUMBER: _ClassVar[int]
    COMMODITY_TYPES_FIELD_NUMBER: _ClassVar[int]
    CONCEALMENT_METHODS_FIELD_NUMBER: _ClassVar[int]
    TRANSPORT_MODES_FIELD_NUMBER: _ClassVar[int]
    COUNTRIES_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    UPLOADED_FROM_FIELD_NUMBER: _ClassVar[int]
    UPLOADED_TO_FIELD_NUMBER: _ClassVar[int]
    MINE_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    text: str
    kinds: _containers.RepeatedScalarFieldContainer[PictureKind]
    headings: _containers.RepeatedScalarFieldContainer[str]
    commodity_types: _containers.RepeatedScalarFieldContainer[str]
    concealment_methods: _containers.RepeatedScalarFieldContainer[str]
    transport_modes: _containers.RepeatedScalarFieldContainer[str]
    countries: _containers.RepeatedScalarFieldContainer[str]
    tags: _containers.RepeatedScalarFieldContainer[str]
    uploaded_from: str
    uploaded_to: str
    mine: bool
    case_id: str
    def __init__(self, text: _Optional[str] = ..., kinds: _Optional[_Iterable[_Union[PictureKind, str]]] = ..., headings: _Optional[_Iterable[str]] = ..., commodity_types: _Optional[_Iterable[str]] = ..., concealment_methods: _Optional[_Iterable[str]] = ..., transport_modes: _Optional[_Iterable[str]] = ..., countries: _Optional[_Iterable[str]] = ..., tags: _Optional[_Iterable[str]] = ..., uploaded_from: _Optional[str] = ..., uploaded_to: _Optional[str] = ..., mine: _Optional[bool] = ..., case_id: _Optional[str] = ...) -> None: ...

class SearchPicturesRequest(_message.Message):
    __slots__ = ("filter", "sort", "page")
    FILTER_FIELD_NUMBER: _ClassVar[int]
    SORT_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    filter: PictureFilter
    sort: PictureSort
    page: _paging_pb2.PageRequest
    def __init__(self, filter: _Optional[_Union[PictureFilter, _Mapping]] = ..., sort: _Optional[_Union[PictureSort, str]] = ..., page: _Optional[_Union[_paging_pb2.PageRequest, _Mapping]] = ...) -> None: ...

class SearchPicturesResponse(_message.Message):
    __slots__ = ("pictures", "page")
    PICTURES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    pictures: _containers.RepeatedCompositeFieldContainer[Picture]
    page: _paging_pb2.PageResponse
    def __init__(self, pictures: _Optional[_Iterable[_Union[Picture, _Mapping]]] = ..., page: _Optional[_Union[_paging_pb2.PageResponse, _Mapping]] = ...) -> None: ...

class FindSimilarPicturesRequest(_message.Message):
    __slots__ = ("id", "limit", "max_distance")
    ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    MAX_DISTANCE_FIELD_NUMBER: _ClassVar[int]
    id: str
    limit: int
    max_distance: int
    def __init__(self, id: _Optional[str] = ..., limit: _Optional[int] = ..., max_distance: _Optional[int] = ...) -> None: ...

class SimilarPicture(_message.Message):
    __slots__ = ("picture", "distance")
    PICTURE_FIELD_NUMBER: _ClassVar[int]
    DISTANCE_FIELD_NUMBER: _ClassVar[int]
    picture: Picture
    distance: int
    def __init__(self, picture: _Optional[_Union[Picture, _Mapping]] = ..., distance: _Optional[int] = ...) -> None: ...

class SimilarPictures(_message.Message):
    __slots__ = ("matches",)
    MATCHES_FIELD_NUMBER: _ClassVar[int]
    matches: _containers.RepeatedCompositeFieldContainer[SimilarPicture]
    def __init__(self, matches: _Optional[_Iterable[_Union[SimilarPicture, _Mapping]]] = ...) -> None: ...

class SimilarOptions(_message.Message):
    __slots__ = ("limit", "max_distance")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    MAX_DISTANCE_FIELD_NUMBER: _ClassVar[int]
    limit: int
    max_distance: int
    def __init__(self, limit: _Optional[int] = ..., max_distance: _Optional[int] = ...) -> None: ...

class FindSimilarToUploadRequest(_message.Message):
    __slots__ = ("options", "chunk")
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    options: SimilarOptions
    chunk: bytes
    def __init__(self, options: _Optional[_Union[SimilarOptions, _Mapping]] = ..., chunk: _Optional[bytes] = ...) -> None: ...

class WithdrawPictureRequest(_message.Message):
    __slots__ = ("id", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    reason: str
    def __init__(self, id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...
