#include "services/aws/s3.h"

#include <openssl/evp.h>

#include <utility>

#include "core/error.h"
#include "core/json/encode.h"
#include "services/aws/checksum.h"
#include "services/aws/xml.h"

namespace sub::aws {

namespace {

std::string base64_digest(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out, &len, md, nullptr);
  return json::base64_encode(std::string_view(reinterpret_cast<const char*>(out), len));
}

// The x-amz-checksum-* header for `algorithm` over `data`; an empty name when the algorithm has
// no header of its own here.
std::pair<std::string, std::string> checksum_header(std::string_view algorithm,
                                                    std::string_view data) {
  if (algorithm == "SHA256") return {"x-amz-checksum-sha256", base64_digest(EVP_sha256(), data)};
  if (algorithm == "SHA1") return {"x-amz-checksum-sha1", base64_digest(EVP_sha1(), data)};
  if (algorithm == "CRC32") return {"x-amz-checksum-crc32", checksum_base64(crc32(data))};
  if (algorithm == "CRC32C") return {"x-amz-checksum-crc32c", checksum_base64(crc32c(data))};
  return {};
}

// The element of a CompleteMultipartUpload <Part> carrying the part checksum.
std::string checksum_element(std::string_view algorithm) {
  if (algorithm == "SHA256") return "ChecksumSHA256";
  if (algorithm == "SHA1") return "ChecksumSHA1";
  if (algorithm == "CRC32") return "ChecksumCRC32";
  if (algorithm == "CRC32C") return "ChecksumCRC32C";
  return "";
}

void add_checksum(Request& req, std::string_view algorithm, std::string_view data) {
  if (algorithm.empty()) return;
  auto [name, value] = checksum_header(algorithm, data);
  if (name.empty()) {
    // Other algorithms (CRC64NVME): integrity through Content-MD5 only.
    req.set_header("Content-MD5", base64_digest(EVP_md5(), data));
    return;
  }
  req.set_header(name, value);
  req.set_header("x-amz-sdk-checksum-algorithm", algorithm);
}

}  // namespace

Request S3Client::object_request(std::string_view method, std::string_view bucket,
                                 std::string_view key, Client::Call& call) const {
  if (bucket.empty()) throw Error("aws s3: empty bucket name");
  Request req;
  req.method = method;
  call.s3 = true;
  std::string encoded_key = uri_encode(key, true);
  if (client_.endpoint().overridden || bucket.find('.') != std::string_view::npos) {
    req.path = "/" + std::string(bucket) + "/" + encoded_key;
  } else {
    call.host_prefix = std::string(bucket) + ".";
    req.path = "/" + encoded_key;
  }
  return req;
}

void S3Client::put_object(std::string_view bucket, std::string_view key, std::string body,
                          const PutOptions& options) const {
  if (body.size() > options.multipart_threshold && options.part_size > 0) {
    put_multipart(bucket, key, body, options);
    return;
  }
  Client::Call call;
  call.operation = "PutObject";
  call.deadline = options.deadline;
  Request req = object_request("PUT", bucket, key, call);
  if (!options.content_type.empty()) req.headers.emplace_back("Content-Type", options.content_type);
  if (!options.storage_class.empty()) {
    req.headers.emplace_back("x-amz-storage-class", options.storage_class);
  }
  add_checksum(req, options.checksum_algorithm, body);
  req.body = std::move(body);
  client_.send(std::move(req), call);
}

void S3Client::put_multipart(std::string_view bucket, std::string_view key, const std::string& body,
                             const PutOptions& options) const {
  Client::Call call;
  call.operation = "CreateMultipartUpload";
  call.deadline = options.deadline;
  Request create = object_request("POST", bucket, key, call);
  create.query = "uploads=";
  if (!options.content_type.empty()) {
    create.headers.emplace_back("Content-Type", options.content_type);
  }
  if (!options.storage_class.empty()) {
    create.headers.emplace_back("x-amz-storage-class", options.storage_class);
  }
  const std::string part_checksum = checksum_element(options.checksum_algorithm);
  if (!part_checksum.empty()) {
    create.headers.emplace_back("x-amz-checksum-algorithm", options.checksum_algorithm);
  }
  Response created = client_.send(create, call);
  std::string upload_id = xml_text(created.body, "UploadId");
  if (upload_id.empty()) {
    throw Error("aws s3 CreateMultipartUpload " + std::string(bucket) + "/" + std::string(key) +
                ": no UploadId in the response");
  }
  std::string complete_xml = "<CompleteMultipartUpload>";
  try {
    int part = 1;
    for (size_t off = 0; off < body.size(); off += options.part_size, ++part) {
      Client::Call pc;
      pc.operation = "UploadPart";
      pc.deadline = options.deadline;
      Request up = object_request("PUT", bucket, key, pc);
      append_query(up.query, "partNumber", std::to_string(part));
      append_query(up.query, "uploadId", upload_id);
      up.body = body.substr(off, options.part_size);
      std::string part_value;
      if (!part_checksum.empty()) {
        auto [name, value] = checksum_header(options.checksum_algorithm, up.body);
        up.set_header(name, value);
        up.set_header("x-amz-sdk-checksum-algorithm", options.checksum_algorithm);
        part_value = std::move(value);
      }
      Response r = client_.send(std::move(up), pc);
      std::string etag = r.header("ETag");
      complete_xml += "<Part><PartNumber>" + std::to_string(part) + "</PartNumber><ETag>" +
                      xml_escape(etag) + "</ETag>";
      if (!part_checksum.empty()) {
        complete_xml += "<" + part_checksum + ">" + part_value + "</" + part_checksum + ">";
      }
      complete_xml += "</Part>";
    }
    complete_xml += "</CompleteMultipartUpload>";
    Client::Call cc;
    cc.operation = "CompleteMultipartUpload";
    cc.deadline = options.deadline;
    Request done = object_request("POST", bucket, key, cc);
    append_query(done.query, "uploadId", upload_id);
    done.headers.emplace_back("Content-Type", "application/xml");
    done.body = complete_xml;
    Response r = client_.send(std::move(done), cc);
    // S3 can answer 200 with an error document.
    if (r.body.find("<Error>") != std::string::npos) {
      throw Error("aws s3 CompleteMultipartUpload " + std::string(bucket) + "/" + std::string(key) +
                  ": " + xml_text(r.body, "Code") + ": " + xml_text(r.body, "Message"));
    }
  } catch (const Error&) {
    Client::Call ac;
    ac.operation = "AbortMultipartUpload";
    Request abort = object_request("DELETE", bucket, key, ac);
    append_query(abort.query, "uploadId", upload_id);
    try {
      client_.send(std::move(abort), ac);
    } catch (const Error&) {
      // The original error is the one to report.
    }
    throw;
  }
}

std::string S3Client::get_object(std::string_view bucket, std::string_view key) const {
  Client::Call call;
  call.operation = "GetObject";
  Request req = object_request("GET", bucket, key, call);
  return client_.send(std::move(req), call).body;
}

}  // namespace sub::aws
