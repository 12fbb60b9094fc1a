package introspect

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// fakeSig is a signature-shaped value built at test time.
func fakeSig(t testing.TB) string { return randomB64(t, 32) }

func TestAzureSAS(t *testing.T) {
	sig := fakeSig(t)
	tests := []struct {
		name  string
		in    string
		want  Facts
		attrs map[string]string
	}{{
		name: "account SAS valid ten years",
		in:   "https://acct.blob.core.windows.net/?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2035-01-01T00:00:00Z&st=2025-01-01T00:00:00Z&spr=https&sig=" + sig,
		want: Facts{Kind: "azure-sas", Lifetime: "long-lived",
			NotBefore: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), ExpiresAt: time.Date(2035, 1, 1, 0, 0, 0, 0, time.UTC),
			Scopes: []string{"add", "create", "delete", "delete-version", "filter", "list", "permanent-delete", "process", "read", "set-immutability-policy", "tag", "update", "write"},
			Reason: "Azure account SAS with 13 scopes expiring 2035-01-01 (10 years)."},
		attrs: map[string]string{"sas-kind": "account", "sas-services": "blob,file,queue,table", "sas-resource-types": "service,container,object",
			"protocol": "https", "host": "acct.blob.core.windows.net", "sas-version": "2022-11-02"},
	}, {
		name: "service SAS query string, rwdl",
		in:   "?sv=2024-11-04&sr=c&sp=rwdl&st=2026-01-14T00:00Z&se=2026-01-16&sip=10.0.0.1&sig=" + sig,
		want: Facts{Kind: "azure-sas", Lifetime: "short-lived",
			NotBefore: time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC), ExpiresAt: time.Date(2026, 1, 16, 0, 0, 0, 0, time.UTC),
			Scopes: []string{"delete", "list", "read", "write"},
			Reason: "Azure service SAS with scopes delete, list, read, write expiring 2026-01-16 (2 days)."},
		attrs: map[string]string{"sas-kind": "service", "sas-resource": "container", "allowed-ip": "10.0.0.1", "host": ""},
	}, {
		name: "blob SAS p means set-permissions",
		in:   "sv=2024-11-04&sr=b&sp=rp&se=2026-01-15T01:00:00Z&sig=" + sig,
		want: Facts{Kind: "azure-sas", Lifetime: "short-lived", ExpiresAt: time.Date(2026, 1, 15, 1, 0, 0, 0, time.UTC),
			Scopes: []string{"permissions", "read"}, Reason: "Azure service SAS with scopes permissions, read expiring 2026-01-15."},
	}, {
		name: "stored access policy hides the expiry",
		in:   "sv=2024-11-04&sr=c&si=readers&sig=" + sig,
		want: Facts{Kind: "azure-sas", Lifetime: "unknown",
			Reason: "Azure service SAS bound to a stored access policy; its expiry lives on the server and cannot be read offline."},
		attrs: map[string]string{"stored-access-policy": "readers"},
	}, {
		name: "user delegation SAS dies with its key",
		in:   "sv=2024-11-04&sr=b&sp=r&st=2026-01-14T00:00:00Z&se=2027-01-01T00:00:00Z&skoid=oid-1&sktid=tenant-1&ske=2026-01-16T00:00:00Z&sig=" + sig,
		want: Facts{Kind: "azure-sas", Lifetime: "short-lived", Subject: "oid-1", Issuer: "tenant-1", Scopes: []string{"read"},
			NotBefore: time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC), ExpiresAt: time.Date(2026, 1, 16, 0, 0, 0, 0, time.UTC),
			Reason: "Azure user-delegation SAS with scope read expiring 2026-01-16 (2 days)."},
		attrs: map[string]string{"delegation-key-expires": "2026-01-16T00:00:00Z"},
	}, {
		name: "expired",
		in:   "sv=2020-08-04&ss=b&srt=o&sp=r&se=2021-01-01&st=2020-01-01&sig=" + sig,
		want: Facts{Kind: "azure-sas", Lifetime: "long-lived", Scopes: []string{"read"},
			NotBefore: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), ExpiresAt: time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC),
			Reason: "Azure account SAS with scope read expired 2021-01-01."},
		attrs: map[string]string{"expired": "true"},
	}, {
		name: "connection string",
		in:   "BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-02-01&st=2026-01-01&sig=" + sig,
		want: Facts{Kind: "azure-sas", Lifetime: "short-lived", Scopes: []string{"read"},
			NotBefore: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ExpiresAt: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC),
			Reason: "Azure account SAS with scope read expiring 2026-02-01 (31 days)."},
	}, {
		name: "unreadable expiry",
		in:   "sv=2022-11-02&sp=r&se=tomorrow&sig=" + sig,
		want: Facts{Kind: "azure-sas", Lifetime: "unknown", Scopes: []string{"read"},
			Reason: "Azure service SAS with scope read with no readable expiry."},
		attrs: map[string]string{"unreadable": "se"},
	}, {
		name: "service bus root key",
		in:   "SharedAccessSignature sr=https%3A%2F%2Fns.servicebus.windows.net%2Fqueue&sig=" + sig + "&se=" + formatInt(unix(2036, 1, 1)) + "&skn=RootManageSharedAccessKey",
		want: Facts{Kind: "azure-servicebus-sas", Lifetime: "long-lived", Audience: "ns.servicebus.windows.net/queue",
			Role: "RootManageSharedAccessKey", Scopes: []string{"listen", "manage", "send"},
			ExpiresAt: time.Unix(unix(2036, 1, 1), 0).UTC(),
			Reason:    "Azure Service Bus SAS token signed with rule RootManageSharedAccessKey expiring 2036-01-01."},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := AzureSAS(tt.in)
			if err != nil {
				t.Fatalf("AzureSAS: %v", err)
			}
			checkFacts(t, got, &tt.want, tt.attrs)
			assertNoLeak(t, got, sig, "")
		})
	}
	for name, in := range map[string]string{
		"no sig":            "sv=2022-11-02&sp=r&se=2026-01-01",
		"no version":        "sp=r&se=2026-01-01&sig=" + sig,
		"not a query":       "just some text",
		"truncated":         "sv=2022-11-02&sp=r&se=2026-0",
		"service bus no sr": "SharedAccessSignature sig=" + sig + "&se=1",
		"jwt":               makeJWT(t, nil, map[string]any{"sub": "x"}),
		"too large":         "sig=" + strings.Repeat("a", MaxInputSize),
	} {
		t.Run("rejects "+name, func(t *testing.T) {
			if f, err := AzureSAS(in); err == nil {
				t.Fatalf("accepted: %+v", f)
			}
		})
	}
}

func formatInt(n int64) string { return strconv.FormatInt(n, 10) }

// awsKeyID builds an access key id of the given kind at test time.
func awsKeyID(kind string) string { return kind + strings.Repeat("EXAMPLE7", 2) }

func TestAWSPresignedURL(t *testing.T) {
	sig := strings.Repeat("0f", 32)
	v4 := func(kind, date, expires, extra string) string {
		return "https://bucket.s3.eu-west-1.amazonaws.com/report.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" +
			awsKeyID(kind) + "%2F20260114%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=" + date +
			"&X-Amz-Expires=" + expires + "&X-Amz-SignedHeaders=host" + extra + "&X-Amz-Signature=" + sig
	}
	signedAt := time.Date(2026, 1, 14, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		in    string
		want  Facts
		attrs map[string]string
	}{{
		name: "AKIA seven days",
		in:   v4("AKIA", "20260114T120000Z", "604800", ""),
		want: Facts{Kind: "aws-presigned-url", Lifetime: "short-lived", IssuedAt: signedAt, ExpiresAt: signedAt.Add(7 * 24 * time.Hour),
			Reason: "AWS presigned URL signed with a long-term IAM user key (AKIA) expiring 2026-01-21 (7 days)."},
		attrs: map[string]string{"x-amz-credential-kind": "AKIA", "temporary-credentials": "false", "region": "eu-west-1",
			"service": "s3", "host": "bucket.s3.eu-west-1.amazonaws.com", "signature-version": "4", "algorithm": "AWS4-HMAC-SHA256"},
	}, {
		name: "ASIA with session token, one hour",
		in:   v4("ASIA", "20260114T120000Z", "3600", "&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEXAMPLE"),
		want: Facts{Kind: "aws-presigned-url", Lifetime: "short-lived", IssuedAt: signedAt, ExpiresAt: signedAt.Add(time.Hour),
			Reason: "AWS presigned URL signed with temporary STS credentials expired 2026-01-14."},
		attrs: map[string]string{"x-amz-credential-kind": "ASIA", "temporary-credentials": "true", "expired": "true"},
	}, {
		name: "lower-case parameter names",
		in:   strings.ToLower(v4("AKIA", "20260114T120000Z", "60", "")),
		// Lower-casing the date breaks it: "t" and "z" are not the layout.
	}, {
		name: "over the 7-day maximum",
		in:   v4("AKIA", "20260114T120000Z", "31536000", ""),
		want: Facts{Kind: "aws-presigned-url", Lifetime: "long-lived", IssuedAt: signedAt, ExpiresAt: signedAt.Add(365 * 24 * time.Hour),
			Reason: "AWS presigned URL signed with a long-term IAM user key (AKIA) expiring 2027-01-14 (1 year)."},
		attrs: map[string]string{"invalid-expiry": "longer than the 7-day maximum"},
	}, {
		name: "SigV2",
		in:   "https://bucket.s3.amazonaws.com/k?AWSAccessKeyId=" + awsKeyID("AKIA") + "&Expires=" + formatInt(unix(2026, 2, 1)) + "&Signature=" + sig,
		want: Facts{Kind: "aws-presigned-url", Lifetime: "short-lived", ExpiresAt: time.Unix(unix(2026, 2, 1), 0).UTC(),
			Reason: "AWS presigned URL signed with a long-term IAM user key (AKIA) expiring 2026-02-01."},
		attrs: map[string]string{"signature-version": "2"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := AWSPresignedURL(tt.in)
			if tt.want.Kind == "" {
				if err == nil {
					t.Fatalf("accepted: %+v", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("AWSPresignedURL: %v", err)
			}
			checkFacts(t, got, &tt.want, tt.attrs)
			assertNoLeak(t, got, sig, "")
			for _, o := range outputs(got) {
				if strings.Contains(o, awsKeyID("AKIA")) || strings.Contains(o, awsKeyID("ASIA")) {
					t.Fatal("facts copy the access key id")
				}
			}
		})
	}
	for name, in := range map[string]string{
		"no date":        strings.Replace(v4("AKIA", "x", "60", ""), "X-Amz-Date=x", "", 1),
		"bad expires":    v4("AKIA", "20260114T120000Z", "-5", ""),
		"huge expires":   v4("AKIA", "20260114T120000Z", "99999999999999999999", ""),
		"not presigned":  "https://example.com/?a=b",
		"truncated":      v4("AKIA", "20260114T120000Z", "60", "")[:60],
		"v2 bad expires": "?AWSAccessKeyId=" + awsKeyID("AKIA") + "&Expires=soon",
	} {
		t.Run("rejects "+name, func(t *testing.T) {
			if f, err := AWSPresignedURL(in); err == nil {
				t.Fatalf("accepted: %+v", f)
			}
		})
	}
}

func TestAWSAccessKeyID(t *testing.T) {
	akia, err := AWSAccessKeyID(awsKeyID("AKIA"))
	if err != nil {
		t.Fatal(err)
	}
	checkFacts(t, akia, &Facts{Kind: "aws-key-id", Lifetime: "long-lived", NeverExpires: true,
		Reason: "AWS long-term IAM user access key (AKIA) with no expiry."}, map[string]string{"x-amz-credential-kind": "AKIA"})
	asia, err := AWSAccessKeyID(awsKeyID("ASIA"))
	if err != nil {
		t.Fatal(err)
	}
	checkFacts(t, asia, &Facts{Kind: "aws-key-id", Lifetime: "short-lived",
		Reason: "AWS temporary STS access key (ASIA); it dies with its session."}, nil)
	for _, in := range []string{"", awsKeyID("AKIA")[:19], "XKIA" + strings.Repeat("A", 16), "akia" + strings.Repeat("a", 16)} {
		if f, err := AWSAccessKeyID(in); err == nil {
			t.Errorf("accepted %d chars: %+v", len(in), f)
		}
	}
}

func TestGCSSignedURL(t *testing.T) {
	sig := strings.Repeat("9e", 128)
	signedAt := time.Date(2026, 1, 14, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		in    string
		want  Facts
		attrs map[string]string
	}{{
		name: "V4 service account",
		in: "https://storage.googleapis.com/bucket/obj?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=signer%40proj.iam.gserviceaccount.com%2F20260114%2Fauto%2Fstorage%2Fgoog4_request" +
			"&X-Goog-Date=20260114T120000Z&X-Goog-Expires=900&X-Goog-SignedHeaders=host&X-Goog-Signature=" + sig,
		want: Facts{Kind: "gcs-signed-url", Lifetime: "short-lived", Subject: "signer@proj.iam.gserviceaccount.com",
			IssuedAt: signedAt, ExpiresAt: signedAt.Add(15 * time.Minute),
			Reason: "GCS signed URL signed by service account signer@proj.iam.gserviceaccount.com expired 2026-01-14."},
		attrs: map[string]string{"credential-kind": "service-account", "location": "auto", "expired": "true", "host": "storage.googleapis.com"},
	}, {
		name: "V4 HMAC id is not copied",
		in:   "?X-Goog-Algorithm=GOOG4-HMAC-SHA256&X-Goog-Credential=GOOG1" + strings.Repeat("EXAMPLE", 8) + "%2F20260114%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20260114T120000Z&X-Goog-Expires=604800&X-Goog-Signature=" + sig,
		want: Facts{Kind: "gcs-signed-url", Lifetime: "short-lived", IssuedAt: signedAt, ExpiresAt: signedAt.Add(7 * 24 * time.Hour),
			Reason: "GCS signed URL signed by an HMAC key expiring 2026-01-21 (7 days)."},
		attrs: map[string]string{"credential-kind": "hmac", "client-email": ""},
	}, {
		name: "V2",
		in:   "https://storage.googleapis.com/b/o?GoogleAccessId=signer%40proj.iam.gserviceaccount.com&Expires=" + formatInt(unix(2030, 1, 1)) + "&Signature=" + sig,
		want: Facts{Kind: "gcs-signed-url", Lifetime: "long-lived", Subject: "signer@proj.iam.gserviceaccount.com",
			ExpiresAt: time.Unix(unix(2030, 1, 1), 0).UTC(),
			Reason:    "GCS signed URL signed by service account signer@proj.iam.gserviceaccount.com expiring 2030-01-01."},
		attrs: map[string]string{"signature-version": "2"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := GCSSignedURL(tt.in)
			if err != nil {
				t.Fatalf("GCSSignedURL: %v", err)
			}
			checkFacts(t, got, &tt.want, tt.attrs)
			assertNoLeak(t, got, sig, "")
			assertNoLeak(t, got, "GOOG1"+strings.Repeat("EXAMPLE", 8), "")
		})
	}
	for name, in := range map[string]string{
		"no params":   "https://storage.googleapis.com/b/o",
		"bad date":    "?X-Goog-Credential=a%40b%2Fx&X-Goog-Date=2026&X-Goog-Expires=1",
		"bad expires": "?X-Goog-Credential=a%40b%2Fx&X-Goog-Date=20260114T120000Z&X-Goog-Expires=1h",
		"aws url":     "?X-Amz-Credential=x",
	} {
		t.Run("rejects "+name, func(t *testing.T) {
			if f, err := GCSSignedURL(in); err == nil {
				t.Fatalf("accepted: %+v", f)
			}
		})
	}
}
